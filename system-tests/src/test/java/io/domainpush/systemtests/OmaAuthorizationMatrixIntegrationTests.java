package io.domainpush.systemtests;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every OMA method × every kind of caller, with the expected answer of each cell written
 * in the table below (one row per method; add one with every new method). Callers: the
 * operator's account, an admin of the owning company, an admin of an unrelated company,
 * and an admin of the owning company with a wrong password. A refused call changes
 * nothing (the database's fingerprint is compared), and another company's object answers
 * exactly like a missing one.
 */
class OmaAuthorizationMatrixIntegrationTests extends AgainstRunningSystem {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> ROLES = List.of("operator", "owner", "other company", "bad credentials");

	private static Map<String, Supplier<OmaClient>> callers;

	private static Placeholders objects;

	private static OmaClient stranger;

	private static Company owner;

	private static String domain;

	/**
	 * The callers and the objects the rows name. Pushes accepted by allowed cells must
	 * not be applied, nor earlier tests' emails sent, while a refused cell's fingerprint
	 * is compared: the worker is paused and the notifications settled first.
	 */
	@BeforeAll
	static void createTheObjectsAndPauseTheWorker() {
		owner = scenario.company("a");
		Company gaining = scenario.company("a");
		Company unrelated = scenario.company("a");
		scenario.allow(gaining, null, owner);
		String ownerAdmin = "oma-matrix-" + owner.id() + "@oma.example";
		String ownerPassword = system.admin(owner, ownerAdmin);
		String unrelatedAdmin = "oma-matrix-" + unrelated.id() + "@oma.example";
		stranger = OmaClient.withPassword(api, unrelatedAdmin, system.admin(unrelated, unrelatedAdmin));
		callers = new LinkedHashMap<>();
		callers.put("operator",
				() -> OmaClient.withPassword(api, RunningSystem.OPERATOR_USERNAME, RunningSystem.OPERATOR_PASSWORD));
		callers.put("owner", () -> OmaClient.withPassword(api, ownerAdmin, ownerPassword));
		callers.put("other company", () -> stranger);
		// a new account for each row: ten failures in a row would throttle one
		callers.put("bad credentials", () -> {
			String victim = "oma-victim-" + UUID.randomUUID() + "@oma.example";
			return OmaClient.withPassword(api, victim, system.admin(owner, victim) + "-wrong");
		});
		domain = scenario.domain(owner, 1, null);
		objects = new Placeholders().fixed("owner", owner.id())
			.fixed("owner-name", owner.name())
			.fixed("gaining", gaining.id())
			.fixed("domain", domain)
			.fresh("fresh-domain", () -> scenario.domain(owner, 0, null));
		system.pauseWorker();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> system.db.sql("select count(*) from notifications where status = 'PENDING'")
				.query(Long.class)
				.single() == 0);
	}

	@AfterAll
	static void resumeTheWorker() {
		system.resumeWorker();
	}

	/** {@code OK} is {@code success: true}; a number is the OMA error number answered. */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# method            | request                                                                    | operator | owner | other company | bad credentials
					echo                | {"hello":1}                                                                | OK | OK | OK | 1
					authenticate        | {"fetch_extra_info":true}                                                  | OK | OK | OK | 1
					get_company         | {"company":{owner}}                                                        | OK | OK | 2  | 1
					get_company         | {"company":"{owner-name}"}                                                 | OK | OK | 2  | 1
					get_domain          | {"domain":"{domain}"}                                                      | OK | OK | 2  | 1
					search_domains      | {"criteria":{"company":{owner}}}                                           | OK | OK | 2  | 1
					get_domain_changes  | {"domain":"{domain}"}                                                      | OK | OK | 2  | 1
					get_company_changes | {"company":{owner}}                                                        | OK | OK | 2  | 1
					change_company      | {"company":{owner},"attributes":{"domain_push_notify":"noc-{owner}@oma.example"}} | OK | OK | 2 | 1
					push_domain         | {"domain":"{fresh-domain}","new_company":{gaining},"wait":false}           | OK | OK | 2  | 1
					""")
	void shouldAnswerAsTheTableSaysAndChangeNothingWhenRefused(String method, String request,
			@AggregateWith(ExpectedAnswers.class) List<String> expected) {
		for (int column = 0; column < ROLES.size(); column++) {
			String role = ROLES.get(column);
			Map<String, Object> fields = JSON.readValue(objects.expand(request), new TypeReference<>() {
			});
			boolean ok = "OK".equals(expected.get(column));
			OmaClient caller = callers.get(role).get();
			String before = ok ? null : system.fingerprint();
			JsonNode answer = caller.call(method, fields);
			String cell = method + " " + fields + " as " + role + ": " + answer;
			assertThat(answer.get("success").asBoolean()).as(cell).isEqualTo(ok);
			if (!ok) {
				assertThat(answer.get("error_number").asInt()).as(cell)
					.isEqualTo(Integer.parseInt(expected.get(column)));
				assertThat(system.fingerprint()).as("%s changed nothing", cell).isEqualTo(before);
			}
		}
	}

	@Test
	void shouldAnswerAnotherCompanysObjectsExactlyLikeMissingOnes() {
		assertNotYoursAnswersLikeMissing(stranger, owner, domain);
	}

	@Test
	void shouldAnswerAnUnknownMethodTheSameToEveryCaller() {
		for (Supplier<OmaClient> callerOf : callers.values()) {
			OmaClient caller = callerOf.get();
			ApiClient.Response unknown = caller.raw("delete_domain", caller.body(Map.of("domain", domain)));
			assertThat(unknown.status()).isEqualTo(404);
			assertThat(unknown.json().get("error_number").asInt()).isEqualTo(5);
		}
	}

	private static void assertNotYoursAnswersLikeMissing(OmaClient stranger, Company owner, String domain) {
		assertThat(stranger.call("get_domain", Map.of("domain", domain)))
			.isEqualTo(stranger.call("get_domain", Map.of("domain", "missing-" + domain)));
		assertThat(stranger.call("get_company", Map.of("company", owner.id())))
			.isEqualTo(stranger.call("get_company", Map.of("company", 999_999_999L)));
		assertThat(stranger.call("get_company", Map.of("company", owner.name())))
			.isEqualTo(stranger.call("get_company", Map.of("company", "Missing " + owner.name())));
		assertThat(stranger.call("get_domain_changes", Map.of("domain", domain)))
			.isEqualTo(stranger.call("get_domain_changes", Map.of("domain", "missing-" + domain)));
		assertThat(stranger.call("get_company_changes", Map.of("company", owner.id())))
			.isEqualTo(stranger.call("get_company_changes", Map.of("company", 999_999_999L)));
		assertThat(stranger.call("push_domain", Map.of("domain", domain, "new_company", owner.id())))
			.isEqualTo(stranger.call("push_domain", Map.of("domain", "missing-" + domain, "new_company", owner.id())));
	}

}
