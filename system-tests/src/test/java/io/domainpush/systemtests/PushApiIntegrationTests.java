package io.domainpush.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's contract at its edges: idempotency, cancellation, authentication, isolation,
 * bad input.
 */
class PushApiIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldReturnSamePushForSameIdempotencyKeyAndRefuseOtherBody() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company other = scenario.company("a");
		scenario.allow(gaining, null, losing);
		scenario.allow(other, null, losing);
		String domain = scenario.domain(losing, 1, null);
		String body = ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining.id()));
		Map<String, String> key = Map.of("Idempotency-Key", "key-" + domain);

		ApiClient.Response first = api.send("POST", "/api/v1/pushes", losing.token(), body, key);
		ApiClient.Response again = api.send("POST", "/api/v1/pushes", losing.token(), body, key);
		assertThat(first.status()).isEqualTo(202);
		assertThat(first.header("Location")).isEqualTo("/api/v1/pushes/" + first.json().get("push_id").asString());
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().get("push_id")).isEqualTo(first.json().get("push_id"));

		ApiClient.Response otherBody = api.send("POST", "/api/v1/pushes", losing.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", other.id())), key);
		assertThat(otherBody.status()).isEqualTo(409);
		assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		system.awaitStatus(losing, first.json().get("push_id").asString(), "COMPLETED");
		assertThat(system.db.sql("select count(*) from pushes where domain_name = :d")
			.param("d", domain)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void shouldNotShowTheGainingSidesAddressToTheLosingSideReplayingItsIdempotencyKey() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-private-" + gaining.id() + "@gaining.example", losing);
		String domain = scenario.domain(losing, 1, null);
		String body = ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining.id()));
		Map<String, String> key = Map.of("Idempotency-Key", "replay-" + domain);
		String pushId = api.send("POST", "/api/v1/pushes", losing.token(), body, key).json().get("push_id").asString();
		JsonNode seenByGaining = system.awaitNotification(gaining, pushId, "SENT");
		assertThat(seenByGaining.get("notification").get("to").asString()).startsWith("noc-private-");

		ApiClient.Response replay = api.send("POST", "/api/v1/pushes", losing.token(), body, key);
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.json().get("push_id").asString()).isEqualTo(pushId);
		assertThat(replay.json().get("notification").get("status").asString()).isEqualTo("SENT");
		assertThat(replay.json().get("notification").get("to").isNull()).isTrue();
		assertThat(replay.body()).doesNotContain("noc-private-");
	}

	@Test
	void shouldPageACompanysBrands() {
		Company company = scenario.company("a");
		for (int i = 1; i <= 3; i++) {
			assertThat(api
				.post("/api/v1/companies/" + company.id() + "/brands", company.token(),
						ApiClient.json(Map.of("name", "Brand " + i, "settings", Map.of())))
				.status()).isEqualTo(201);
		}
		String brands = "/api/v1/companies/" + company.id() + "/brands";
		JsonNode first = api.get(brands + "?size=2", company.token()).json();
		assertThat(first.get("items")).hasSize(2);
		assertThat(first.get("has_more").asBoolean()).isTrue();
		JsonNode second = api.get(brands + "?size=2&page=1", company.token()).json();
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("items").get(0).get("name").asString()).isEqualTo("Brand 3");
		assertThat(second.get("has_more").asBoolean()).isFalse();
		ApiClient.Response tooBig = api.get(brands + "?size=201", company.token());
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void shouldPagePushesAndDomainsByCursorThroughWhatPagingByNumberShows() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company stranger = scenario.company("a");
		scenario.allow(gaining, "noc@example.com", losing);
		for (int i = 0; i < 5; i++) {
			scenario.push(losing, scenario.domain(losing, 1, null), gaining);
		}
		String pushes = "/api/v1/pushes?direction=outgoing";
		List<String> all = ids(api.get(pushes + "&size=200", losing.token()).json(), "push_id");
		assertThat(all).hasSize(5);
		assertThat(walk(pushes, "after", "next", losing, "push_id")).containsExactlyElementsOf(all);
		JsonNode last = api.get(pushes + "&size=2&after=" + tokenBefore(pushes, losing, 4), losing.token()).json();
		assertThat(last.get("page").isNull()).as("a page asked for by cursor has no number").isTrue();
		assertThat(ids(last, "push_id")).containsExactly(all.get(4));
		assertThat(last.get("has_more").asBoolean()).isFalse();
		List<String> backwards = new ArrayList<>(ids(last, "push_id"));
		String previous = last.get("previous").asString();
		while (previous != null) {
			JsonNode page = api.get(pushes + "&size=2&before=" + previous, losing.token()).json();
			backwards.addAll(0, ids(page, "push_id"));
			previous = page.has("previous") ? page.get("previous").asString() : null;
		}
		assertThat(backwards).containsExactlyElementsOf(all);
		assertThat(ids(api.get("/api/v1/pushes?direction=incoming&size=200", gaining.token()).json(), "push_id"))
			.containsExactlyElementsOf(all);

		String domains = "/api/v1/companies/" + gaining.id() + "/domains?x=1";
		assertThat(walk(domains, "after", "next", gaining, "name"))
			.containsExactlyElementsOf(ids(api.get(domains + "&size=200", gaining.token()).json(), "name"));

		String token = tokenBefore(pushes, losing, 2);
		assertThat(ids(api.get(pushes + "&size=200&after=" + token, stranger.token()).json(), "push_id"))
			.as("another company's position shows only the caller's own pushes (none)")
			.isEmpty();
		ApiClient.Response made = api.get("/api/v1/pushes?after=not-a-position", losing.token());
		assertThat(made.status()).isEqualTo(400);
		assertThat(made.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.get("/api/v1/pushes?page=1&after=" + token, losing.token()).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/pushes?direction=sideways", losing.token()).status()).isEqualTo(400);
	}

	/**
	 * Every row of a list, two a page, each page asked for by the last one's
	 * {@code next}.
	 */
	private List<String> walk(String list, String parameter, String field, Company company, String id) {
		List<String> seen = new ArrayList<>();
		String path = list + "&size=2";
		while (true) {
			JsonNode page = api.get(path, company.token()).json();
			seen.addAll(ids(page, id));
			if (!page.has(field)) {
				return seen;
			}
			path = list + "&size=2&" + parameter + "=" + page.get(field).asString();
		}
	}

	/** The {@code next} of the page of one that ends with row {@code index - 1}. */
	private String tokenBefore(String list, Company company, int index) {
		return api.get(list + "&size=" + index, company.token()).json().get("next").asString();
	}

	private static List<String> ids(JsonNode page, String field) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach((item) -> ids.add(item.get(field).asString()));
		return ids;
	}

	@Test
	void shouldCancelQueuedPushAndRefuseSecondPushWhileQueued() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc@example.com", losing);
		String domain = scenario.domain(losing, 1, null);
		system.pauseWorker();
		String pushId;
		try {
			pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
			ApiClient.Response second = api.post("/api/v1/pushes", losing.token(),
					ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining.id())));
			assertThat(second.status()).isEqualTo(409);
			assertThat(second.code()).isEqualTo("PUSH_IN_PROGRESS");
			// the gaining side sees the push but only the losing side may cancel it
			assertThat(api.delete("/api/v1/pushes/" + pushId, gaining.token()).status()).isEqualTo(403);
			ApiClient.Response cancelled = api.delete("/api/v1/pushes/" + pushId, losing.token());
			assertThat(cancelled.status()).isEqualTo(200);
			assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		}
		finally {
			system.resumeWorker();
		}
		system.awaitQuiet();
		assertThat(api.get("/api/v1/pushes/" + pushId, losing.token()).json().get("status").asString())
			.isEqualTo("CANCELLED");
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).json().get("company_id").asLong())
			.isEqualTo(losing.id());
		ApiClient.Response again = api.delete("/api/v1/pushes/" + pushId, losing.token());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("PUSH_NOT_CANCELLABLE");
	}

	@Test
	void shouldAnswer401WithoutOrWithBadOrRevokedToken() {
		Company company = scenario.company("a");
		for (String token : new String[] { null, "", "not-a-token", "dp_" + "x".repeat(43) }) {
			ApiClient.Response response = api.get("/api/v1/companies/" + company.id(), token);
			assertThat(response.status()).as("token %s", token).isEqualTo(401);
			assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
		JsonNode created = api
			.post("/api/v1/companies/" + company.id() + "/tokens", company.token(),
					ApiClient.json(Map.of("label", "short-lived")))
			.json();
		String token = created.get("token").asString();
		assertThat(api.get("/api/v1/companies/" + company.id(), token).status()).isEqualTo(200);
		assertThat(api
			.delete("/api/v1/companies/" + company.id() + "/tokens/" + created.get("token_id").asString(),
					company.token())
			.status()).isEqualTo(204);
		assertThat(api.get("/api/v1/companies/" + company.id(), token).status()).isEqualTo(401);
		// only the SHA-256 of the token is stored, nothing of the token itself
		assertThat(system.db
			.sql("""
					select count(*) from api_tokens
					 where token_hash = sha256(convert_to(:t, 'UTF8')) and position(convert_to(:t, 'UTF8') in token_hash) = 0""")
			.param("t", token)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void shouldAnswer404ForOtherCompaniesObjectsAsForMissingOnes() {
		Company owner = scenario.company("a");
		Company gaining = scenario.company("a");
		Company stranger = scenario.company("a");
		scenario.allow(gaining, null, owner);
		String domain = scenario.domain(owner, 1, null);
		long brand = scenario.brand(owner, "B", Map.of());
		String pushId = scenario.push(owner, domain, gaining).get("push_id").asString();

		String[][] notYours = { { "GET", "/api/v1/companies/" + owner.id() },
				{ "GET", "/api/v1/companies/" + owner.id() + "/domain-push" },
				{ "GET", "/api/v1/companies/" + owner.id() + "/domains" },
				{ "GET", "/api/v1/companies/" + owner.id() + "/brands" },
				{ "GET", "/api/v1/companies/" + owner.id() + "/tokens" }, { "GET", "/api/v1/pushes/" + pushId },
				{ "DELETE", "/api/v1/pushes/" + pushId }, { "PATCH", "/api/v1/brands/" + brand } };
		for (String[] call : notYours) {
			String body = call[0].equals("PATCH") ? ApiClient.json(Map.of("name", "x")) : null;
			ApiClient.Response response = api.send(call[0], call[1], stranger.token(), body, Map.of());
			assertThat(response.status()).as("%s %s", call[0], call[1]).isEqualTo(404);
		}
		assertThat(api.get("/api/v1/pushes/" + pushId, gaining.token()).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/pushes?domain=" + domain, stranger.token()).json().get("items")).isEmpty();
		// "exists but not yours" and "does not exist" answer alike
		ApiClient.Response missing = api.get("/api/v1/pushes/00000000-0000-0000-0000-000000000000", stranger.token());
		ApiClient.Response foreign = api.get("/api/v1/pushes/" + pushId, stranger.token());
		assertThat(foreign.status()).isEqualTo(missing.status());
		assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
	}

	/** The push endpoints' own refusals are proved by push-api's PushControllerTests. */
	@Test
	void shouldRefuseOverlongDomainNamesAndNonNumericIds() {
		Company company = scenario.company("a");
		String overlong = ("a".repeat(63) + ".").repeat(4) + "example";
		assertThat(api.get("/api/v1/domains/" + overlong, company.token()).status()).isEqualTo(400);
		ApiClient.Response nonNumeric = api.get("/api/v1/companies/abc", company.token());
		assertThat(nonNumeric.status()).isEqualTo(400);
		assertThat(nonNumeric.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void shouldRefuseHeaderInjectionInNotificationEmailAndChangeNothing() {
		Company gaining = scenario.company("a");
		Company losing = scenario.company("a");
		scenario.allow(gaining, "noc@example.com", losing);
		for (String email : new String[] { "noc@example.com\\r\\nBcc: victim@example.com", "noc@example.com\\n",
				"a@b.example, c@d.example", "Name <noc@example.com>", "x".repeat(250) + "@example.com" }) {
			ApiClient.Response response = api.put("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token(),
					"{\"allowed_companies\":[],\"notification_email\":\"" + email + "\"}");
			assertThat(response.status()).as(email).isEqualTo(400);
			assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
		}
		JsonNode settings = api.get("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token()).json();
		assertThat(settings.get("notification_email").asString()).isEqualTo("noc@example.com");
		assertThat(settings.get("allowed_companies").valueStream().map(JsonNode::asLong)).containsExactly(losing.id());
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void shouldNeverWriteATokenToTheLogs(org.springframework.boot.test.system.CapturedOutput output) {
		Company company = scenario.company("a");
		JsonNode created = api
			.post("/api/v1/companies/" + company.id() + "/tokens", company.token(),
					ApiClient.json(Map.of("label", "logged?")))
			.json();
		String token = created.get("token").asString();
		api.get("/api/v1/companies/" + company.id(), token);
		api.get("/api/v1/companies/" + company.id(), token + "x");
		api.post("/api/v1/pushes", token, "{\"domain\":\"-bad\",\"gaining_company_id\":1}");
		api.delete("/api/v1/companies/" + company.id() + "/tokens/" + created.get("token_id").asString(),
				company.token());
		assertThat(output.getAll()).contains("TOKEN_REVOKED")
			.doesNotContain(token, company.token(), RunningSystem.OPERATOR_TOKEN);
	}

	@Test
	void shouldRefusePagesAboveTheLimit() {
		Company company = scenario.company("a");
		ApiClient.Response tooBig = api.get("/api/v1/companies/" + company.id() + "/domains?size=201", company.token());
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domains?size=200", company.token()).status())
			.isEqualTo(200);
		assertThat(api.get("/api/v1/pushes?page=-1", company.token()).status()).isEqualTo(400);
	}

	@Test
	void shouldRefuseOversizedBodyWith413() {
		Company company = scenario.company("a");
		String huge = "{\"domain\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"gaining_company_id\":1}";
		ApiClient.Response response = api.post("/api/v1/pushes", company.token(), huge);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	void shouldServeOpenApiAndHealthWithoutToken() {
		assertThat(api.get("/v3/api-docs", null).body()).contains("/api/v1/pushes");
		assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
		assertThat(api.get("/actuator/health", null).json().get("status").asString()).isEqualTo("UP");
		assertThat(api.get("/actuator/health/liveness", null).json().get("status").asString()).isEqualTo("UP");
		assertThat(api.get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
		// readiness includes the database and the broker
		assertThat(system.services.api()
			.getBean(io.domainpush.core.kafka.KafkaHealthIndicator.class)
			.health(false)
			.getStatus()
			.getCode()).isEqualTo("UP");
		assertThat(api.get("/actuator/prometheus", null).body()).contains("push_outbox_backlog");
		assertThat(api.get("/actuator/env", null).status()).isIn(401, 404);
	}

}
