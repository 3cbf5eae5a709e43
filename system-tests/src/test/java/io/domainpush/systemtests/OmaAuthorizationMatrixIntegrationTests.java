package io.domainpush.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every OMA method × every kind of caller, with the expected answer of each cell written
 * in the table below: {@code OK} for {@code success: true}, else the OMA error number.
 * Callers: the operator's account, an admin of the owning company, an admin of an
 * unrelated company, and an admin of the owning company with a wrong password (a new one
 * for each row: ten failures in a row would throttle an account). A refused call changes
 * nothing (the database's fingerprint is compared), and another company's object answers
 * exactly like a missing one.
 */
class OmaAuthorizationMatrixIntegrationTests extends AgainstRunningSystem {

	private static final int OK = -1;

	private static final String[] ROLES = { "operator", "owner", "other company", "bad credentials" };

	@Test
	void shouldAnswerEveryMethodAsTheTableSaysAndChangeNothingWhenRefused() {
		Company owner = scenario.company("a");
		Company gaining = scenario.company("a");
		Company unrelated = scenario.company("a");
		scenario.allow(gaining, null, owner);
		String ownerAdmin = "oma-matrix-" + owner.id() + "@oma.example";
		String ownerPassword = system.admin(owner, ownerAdmin);
		String unrelatedAdmin = "oma-matrix-" + unrelated.id() + "@oma.example";
		OmaClient stranger = OmaClient.withPassword(api, unrelatedAdmin, system.admin(unrelated, unrelatedAdmin));
		Map<String, Supplier<OmaClient>> callers = new LinkedHashMap<>();
		callers.put("operator",
				() -> OmaClient.withPassword(api, RunningSystem.OPERATOR_USERNAME, RunningSystem.OPERATOR_PASSWORD));
		callers.put("owner", () -> OmaClient.withPassword(api, ownerAdmin, ownerPassword));
		callers.put("other company", () -> stranger);
		callers.put("bad credentials", () -> {
			String victim = "oma-victim-" + java.util.UUID.randomUUID() + "@oma.example";
			return OmaClient.withPassword(api, victim, system.admin(owner, victim) + "-wrong");
		});
		String domain = scenario.domain(owner, 1, null);

		List<Row> rows = new ArrayList<>();
		// method, request, operator owner other bad
		rows.add(read("echo", () -> Map.of("hello", 1), OK, OK, OK, 1));
		rows.add(read("authenticate", () -> Map.of("fetch_extra_info", true), OK, OK, OK, 1));
		rows.add(read("get_company", () -> Map.of("company", owner.id()), OK, OK, 2, 1));
		rows.add(read("get_company", () -> Map.of("company", owner.name()), OK, OK, 2, 1));
		rows.add(read("get_domain", () -> Map.of("domain", domain), OK, OK, 2, 1));
		rows.add(read("search_domains", () -> Map.of("criteria", Map.of("company", owner.id())), OK, OK, 2, 1));
		rows.add(read("get_domain_changes", () -> Map.of("domain", domain), OK, OK, 2, 1));
		rows.add(read("get_company_changes", () -> Map.of("company", owner.id()), OK, OK, 2, 1));
		rows.add(write("change_company", () -> Map.of("company", owner.id(), "attributes",
				Map.of("domain_push_notify", "noc-" + owner.id() + "@oma.example")), OK, OK, 2, 1));
		rows.add(write("push_domain",
				() -> Map.of("domain", scenario.domain(owner, 0, null), "new_company", gaining.id(), "wait", false), OK,
				OK, 2, 1));

		// pushes accepted by allowed cells must not be applied, nor earlier tests' emails
		// sent, while a refused cell's fingerprint is compared
		system.pauseWorker();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> system.db.sql("select count(*) from notifications where status = 'PENDING'")
				.query(Long.class)
				.single() == 0);
		int cells = 0;
		try {
			for (Row row : rows) {
				for (int r = 0; r < ROLES.length; r++) {
					String role = ROLES[r];
					Map<String, Object> request = row.request.get();
					OmaClient caller = callers.get(role).get();
					String before = row.mutates && row.expected[r] != OK
							? AuthorizationMatrixIntegrationTests.fingerprint() : null;
					JsonNode answer = caller.call(row.method, request);
					String cell = row.method + " " + request + " as " + role + ": " + answer;
					if (row.expected[r] == OK) {
						assertThat(answer.get("success").asBoolean()).as(cell).isTrue();
					}
					else {
						assertThat(answer.get("success").asBoolean()).as(cell).isFalse();
						assertThat(answer.get("error_number").asInt()).as(cell).isEqualTo(row.expected[r]);
					}
					if (before != null) {
						assertThat(AuthorizationMatrixIntegrationTests.fingerprint()).as("%s changed nothing", cell)
							.isEqualTo(before);
					}
					cells++;
				}
			}
		}
		finally {
			system.resumeWorker();
		}
		assertThat(cells).isEqualTo(rows.size() * ROLES.length);
		assertNotYoursAnswersLikeMissing(stranger, owner, domain);
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

	private static Row read(String method, Supplier<Map<String, Object>> request, int... expected) {
		return new Row(method, request, false, expected);
	}

	private static Row write(String method, Supplier<Map<String, Object>> request, int... expected) {
		return new Row(method, request, true, expected);
	}

	private record Row(String method, Supplier<Map<String, Object>> request, boolean mutates, int[] expected) {
	}

}
