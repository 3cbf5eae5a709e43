package io.domainpush.systemtests;

import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a black-box probe of the API tried, each as an attack: oversized settings, a flood
 * of batch rejections, too many unfinished batches, overflowing sizes, invisible and
 * direction-changing characters in names, loose numbers and duplicate keys, and probing
 * which companies exist. Each is refused with a clear problem and changes nothing.
 */
class AbuseIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldRefuseSettingsLargerThanTheLimitAndKeepListsSmall() {
		Company company = scenario.company("a");
		String big = "{\"name\":\"Big\",\"settings\":{\"logo\":\"" + "x".repeat(20 * 1024) + "\"}}";
		ApiClient.Response brand = api.post("/api/v1/companies/" + company.id() + "/brands", company.token(), big);
		assertThat(brand.status()).isEqualTo(400);
		assertThat(brand.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(brand.json().get("detail").asString()).contains("larger than 16 KB");
		StringBuilder many = new StringBuilder("{\"name\":\"Many\",\"settings\":{\"list\":[");
		for (int i = 0; i < 1500; i++) {
			many.append(i == 0 ? "" : ",").append(i);
		}
		assertThat(api.post("/api/v1/companies/" + company.id() + "/brands", company.token(), many + "]}}").status())
			.isEqualTo(400);
		String deep = "{\"a\":".repeat(12) + "1" + "}".repeat(12);
		assertThat(api
			.post("/api/v1/companies", RunningSystem.OPERATOR_TOKEN,
					"{\"name\":\"Deep\",\"cluster\":\"a\",\"default_settings\":" + deep + "}")
			.status()).isEqualTo(400);
		assertThat(api.get("/api/v1/companies/" + company.id() + "/brands", company.token()).json().get("items"))
			.isEmpty();
		JsonNode tokens = api.get("/api/v1/companies/" + company.id() + "/tokens?size=1", company.token()).json();
		assertThat(tokens.get("items")).hasSize(1);
		assertThat(tokens.get("size").asInt()).isEqualTo(1);
	}

	@Test
	void shouldRefuseAWholeBatchWithMoreRejectionsThanTheLimitAndStoreNothing() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		StringBuilder csv = new StringBuilder(scenario.domain(losing, 0, null)).append('\n');
		for (int i = 0; i < 2001; i++) {
			csv.append("unknown").append(i).append('-').append(losing.id()).append(".example\n");
		}
		long batchesBefore = count("push_batches");
		long rejectionsBefore = count("push_batch_rejections");
		ApiClient.Response refused = api.send("POST", "/api/v1/push-batches?gaining_company_id=" + gaining.id(),
				losing.token(), csv.toString(), Map.of("Content-Type", "text/csv"));
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.code()).isEqualTo("TOO_MANY_REJECTIONS");
		assertThat(refused.json().get("rejected").asInt()).isEqualTo(2001);
		assertThat(refused.json().get("rejected_by_code").get("DOMAIN_NOT_FOUND").asInt()).isEqualTo(2001);
		assertThat(refused.json().get("first_rejections")).hasSize(20);
		assertThat(refused.body().length()).isLessThan(5_000);
		assertThat(count("push_batches")).isEqualTo(batchesBefore);
		assertThat(count("push_batch_rejections")).isEqualTo(rejectionsBefore);
		assertThat(system.db.sql("select count(*) from pushes where losing_company_id = :c")
			.param("c", losing.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void shouldLimitTheUnfinishedBatchesOfACompany() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		system.pauseWorker();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(api
					.post("/api/v1/push-batches", losing.token(), batchOf(gaining, scenario.domain(losing, 0, null)))
					.status()).isEqualTo(202);
			}
			ApiClient.Response sixth = api.post("/api/v1/push-batches", losing.token(),
					batchOf(gaining, scenario.domain(losing, 0, null)));
			assertThat(sixth.status()).isEqualTo(409);
			assertThat(sixth.code()).isEqualTo("TOO_MANY_BATCHES");
		}
		finally {
			system.resumeWorker();
		}
	}

	@Test
	void shouldRefuseMessageSizesThatWouldOverflowTheDomainsTotal() {
		Company company = scenario.company("a");
		String message = "{\"folder\":\"INBOX\",\"subject\":\"x\",\"size_bytes\":9223372036854775807}";
		ApiClient.Response response = api.post("/api/v1/companies/" + company.id() + "/domains", company.token(),
				"{\"name\":\"" + scenario.uniqueDomain() + "\",\"users\":[{\"mailbox\":\"a\",\"messages\":[" + message
						+ "," + message + "]}]}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domains", company.token()).json().get("items"))
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u0085", "\u2028", "\u202E", "\u200B", "\u0007" })
	void shouldRefuseInvisibleAndDirectionChangingCharactersInNames(String character) {
		Company company = scenario.company("a");
		String name = "Evil" + character + "Corp";
		assertThat(api
			.post("/api/v1/companies", RunningSystem.OPERATOR_TOKEN,
					ApiClient.json(Map.of("name", name, "cluster", "a")))
			.status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/companies/" + company.id() + "/brands", company.token(),
					ApiClient.json(Map.of("name", name, "settings", Map.of())))
			.status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/companies/" + company.id() + "/tokens", company.token(),
					ApiClient.json(Map.of("label", name)))
			.status()).isEqualTo(400);
		// any script is welcome
		assertThat(api
			.post("/api/v1/companies/" + company.id() + "/brands", company.token(),
					"{\"name\":\"Müller & Söhne — Ελληνικά 日本語\",\"settings\":{}}")
			.status()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1002.5", "\"1002\"", "1e3", "true" })
	void shouldRefuseIdsThatAreNotIntegers(String id) {
		Company company = scenario.company("a");
		String domain = scenario.domain(company, 0, null);
		ApiClient.Response response = api.post("/api/v1/pushes/precheck", company.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", id)));
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void shouldRefuseDuplicateKeysAndNumbersTooLargeToRepresent() {
		Company company = scenario.company("a");
		String domain = scenario.domain(company, 0, null);
		ApiClient.Response twice = api.post("/api/v1/pushes/precheck", company.token(),
				"{\"domain\":\"" + domain + "\",\"gaining_company_id\":1,\"gaining_company_id\":2}");
		assertThat(twice.status()).isEqualTo(400);
		ApiClient.Response infinite = api.post("/api/v1/companies/" + company.id() + "/brands", company.token(),
				"{\"name\":\"Huge\",\"settings\":{\"quota\":1e999999999}}");
		assertThat(infinite.status()).isEqualTo(400);
		assertThat(infinite.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/brands", company.token()).json().get("items"))
			.isEmpty();
	}

	@Test
	void shouldDescribeOnlyRealParametersInTheOpenApiDocument() {
		JsonNode docs = api.get("/v3/api-docs", null).json();
		assertThat(docs.get("paths").toString()).doesNotContain("\"name\":\"caller\"");
		assertThat(docs.get("paths")
			.get("/api/v1/pushes/{pushId}")
			.get("get")
			.get("parameters")
			.valueStream()
			.map(p -> p.get("name").asString())).containsExactly("pushId");
	}

	@Test
	void shouldAnswerADirectRequestForTheErrorPageAsAMissingResource() {
		ApiClient.Response error = api.get("/error", null);
		assertThat(error.status()).isEqualTo(404);
		assertThat(error.header("Content-Type")).as("a page for people: /error is no API path").startsWith("text/html");
		assertThat(error.body()).contains("Not found").doesNotContain("999");
	}

	private static String batchOf(Company gaining, String domain) {
		return Scenario.batchBody(gaining.id(), List.of(domain));
	}

	private static long count(String table) {
		return system.db.sql("select count(*) from " + table).query(Long.class).single();
	}

}
