package io.domainpush.systemtests;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks against the running system and a receiver on loopback: each company hears of
 * its own pushes (either side) only, every delivery verifies with an independent
 * implementation of the Standard Webhooks specification, a replay of the events topic
 * makes no new {@code webhook-id}, failures are retried with the same id until delivered,
 * 410 disables the endpoint, and an endpoint that never answers delays neither email nor
 * other endpoints.
 */
class WebhookIntegrationTests extends AgainstRunningSystem {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WebhookReceiver receiver;

	@BeforeAll
	static void receiver() throws Exception {
		receiver = new WebhookReceiver();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void shouldDeliverSignedEventsOfItsOwnPushesToEachCompanyOnce() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company bystander = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		String gainingPath = "/gaining-" + gaining.id();
		String losingPath = "/losing-" + losing.id();
		String bystanderPath = "/bystander-" + bystander.id();
		JsonNode gainingHook = register(gaining, gainingPath, "push.completed", "push.rejected", "push.cancelled",
				"batch.finished");
		JsonNode losingHook = register(losing, losingPath, "push.completed");
		register(bystander, bystanderPath, "push.completed", "push.rejected", "push.cancelled");
		assertThat(gainingHook.get("secret").asString()).startsWith("whsec_");

		String domain = scenario.domain(losing, 3, null);
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> receiver.at(gainingPath).size() == 1 && receiver.at(losingPath).size() == 1);

		WebhookReceiver.Received delivery = receiver.at(gainingPath).get(0);
		assertThat(StandardWebhooksVerifier.verify(gainingHook.get("secret").asString(), delivery.id(),
				delivery.timestamp(), delivery.body(), delivery.signature()))
			.as("signature verifies with the endpoint's secret")
			.isTrue();
		assertThat(StandardWebhooksVerifier.verify(losingHook.get("secret").asString(), delivery.id(),
				delivery.timestamp(), delivery.body(), delivery.signature()))
			.as("another endpoint's secret does not verify it")
			.isFalse();
		assertThat(StandardWebhooksVerifier.verify(gainingHook.get("secret").asString(), delivery.id(),
				delivery.timestamp(), delivery.body().replace(domain, "evil.example"), delivery.signature()))
			.as("a changed body does not verify")
			.isFalse();
		assertThat(delivery.id()).startsWith("msg_");
		assertThat(delivery.contentType()).isEqualTo("application/json");
		JsonNode body = JSON.readTree(delivery.body());
		assertThat(body.get("type").asString()).isEqualTo("push.completed");
		assertThat(body.at("/data/push_id").asString()).isEqualTo(pushId);
		assertThat(body.at("/data/domain").asString()).isEqualTo(domain);
		assertThat(body.at("/data/users_moved").asInt()).isEqualTo(3);
		// what moved, as GET /pushes/{id}/report says it
		JsonNode report = api.get("/api/v1/pushes/" + pushId + "/report", gaining.token()).json();
		assertThat(body.at("/data/report/messages_moved").asLong()).isEqualTo(report.get("messages_moved").asLong())
			.isEqualTo(6);
		assertThat(body.at("/data/report/bytes_moved").asLong()).isEqualTo(report.get("bytes_moved").asLong());
		assertThat(body.at("/data/report/settings_changed")).isEqualTo(report.get("settings_changed"));
		assertThat(body.at("/data/losing_company_id").asLong()).isEqualTo(losing.id());
		WebhookReceiver.Received losingDelivery = receiver.at(losingPath).get(0);
		assertThat(StandardWebhooksVerifier.verify(losingHook.get("secret").asString(), losingDelivery.id(),
				losingDelivery.timestamp(), losingDelivery.body(), losingDelivery.signature()))
			.isTrue();
		assertThat(losingDelivery.id()).isNotEqualTo(delivery.id());

		JsonNode deliveries = api.get(hookPath(gaining, gainingHook) + "/deliveries", gaining.token()).json();
		assertThat(deliveries.get("items")).hasSize(1);
		JsonNode listed = deliveries.get("items").get(0);
		assertThat(listed.get("webhook_message_id").asString()).isEqualTo(delivery.id());
		assertThat(listed.get("event").asString()).isEqualTo("push.completed");
		assertThat(listed.get("status").asString()).isEqualTo("DELIVERED");
		assertThat(listed.get("attempts").asInt()).isEqualTo(1);
		assertThat(listed.get("last_status_code").asInt()).isEqualTo(200);

		// the whole events topic once more: nothing new is delivered
		system.replayEventsToWebhooks();
		system.awaitQuiet();
		assertThat(receiver.at(gainingPath)).hasSize(1);
		assertThat(receiver.at(losingPath)).hasSize(1);
		assertThat(receiver.at(bystanderPath)).as("a company hears only of its own pushes").isEmpty();
		assertThat(system.db.sql("select count(*) from webhook_deliveries where subject_id = cast(:p as uuid)")
			.param("p", pushId)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void shouldRetryWithTheSameIdUntilDeliveredAndTellAboutCancelledPushesAndFinishedBatches() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String path = "/flaky-" + gaining.id();
		receiver.answer(path, 500, 503, 500);
		JsonNode hook = register(gaining, path, "push.cancelled", "batch.finished");
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 1, null));
		system.pauseWorker();
		String batchId;
		try {
			ApiClient.Response batch = api.post("/api/v1/push-batches", losing.token(), "{\"gaining_company_id\":"
					+ gaining.id() + ",\"domains\":[\"" + String.join("\",\"", domains) + "\"]}");
			assertThat(batch.status()).isEqualTo(202);
			batchId = batch.json().get("batch_id").asString();
			assertThat(api.delete("/api/v1/push-batches/" + batchId, losing.token()).status()).isEqualTo(200);
		}
		finally {
			system.resumeWorker();
		}
		// two push.cancelled and one batch.finished; the first attempts fail
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveredIds(path).size() == 3);
		List<WebhookReceiver.Received> arrived = receiver.at(path);
		assertThat(arrived).hasSize(6);
		for (WebhookReceiver.Received attempt : arrived) {
			assertThat(StandardWebhooksVerifier.verify(hook.get("secret").asString(), attempt.id(), attempt.timestamp(),
					attempt.body(), attempt.signature()))
				.isTrue();
		}
		JsonNode finished = arrived.stream()
			.map(r -> JSON.readTree(r.body()))
			.filter(b -> b.get("type").asString().equals("batch.finished"))
			.findFirst()
			.orElseThrow();
		assertThat(finished.at("/data/batch_id").asString()).isEqualTo(batchId);
		assertThat(finished.at("/data/cancelled").asInt()).isEqualTo(2);
		assertThat(finished.at("/data/completed").asInt()).isZero();
		JsonNode deliveries = api.get(hookPath(gaining, hook) + "/deliveries", gaining.token()).json();
		assertThat(deliveries.get("items").valueStream().mapToInt(d -> d.get("attempts").asInt()).sum())
			.as("three failed attempts and three deliveries")
			.isEqualTo(6);
		assertThat(deliveries.get("items").valueStream().map(d -> d.get("status").asString()))
			.containsOnly("DELIVERED");
		assertThat(deliveries.get("items").valueStream().filter(d -> d.get("attempts").asInt() > 1))
			.allSatisfy(d -> assertThat(d.get("last_error").isNull()).isTrue());
	}

	@Test
	void shouldDisableAnEndpointThatAnswersGone() {
		Company company = scenario.company("a");
		String path = "/gone-" + company.id();
		receiver.answer(path, 410);
		JsonNode hook = register(company, path, "push.completed");
		ApiClient.Response ping = api.post(hookPath(company, hook) + "/ping", company.token(), "");
		assertThat(ping.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get(hookPath(company, hook), company.token())
				.json()
				.get("status")
				.asString()
				.equals("DISABLED"));
		JsonNode shown = api.get(hookPath(company, hook), company.token()).json();
		assertThat(shown.get("disabled_reason").asString()).contains("410 Gone");
		JsonNode delivery = api.get(hookPath(company, hook) + "/deliveries", company.token())
			.json()
			.get("items")
			.get(0);
		assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
		assertThat(delivery.get("last_status_code").asInt()).isEqualTo(410);
		assertThat(delivery.get("webhook_message_id").asString())
			.isEqualTo(ping.json().get("webhook_message_id").asString());
		ApiClient.Response again = api.post(hookPath(company, hook) + "/ping", company.token(), "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("WEBHOOK_DISABLED");
		assertThat(receiver.at(path)).hasSize(1);
	}

	/**
	 * An endpoint that never answers holds one dispatcher thread: emails and another
	 * company's endpoint carry on while its request is held.
	 */
	@Test
	void shouldDelayNeitherEmailsNorOtherEndpointsWhileAnEndpointNeverAnswers() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company other = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		scenario.allow(other, null, losing);
		String hangingPath = "/hang-" + gaining.id();
		String otherPath = "/other-" + other.id();
		receiver.hang(hangingPath);
		register(gaining, hangingPath, "push.completed");
		register(other, otherPath, "push.completed");
		List<String> pushes = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			pushes.add(scenario.push(losing, scenario.domain(losing, 1, null), gaining).get("push_id").asString());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.held() == 1);
		long started = System.nanoTime();
		for (String pushId : pushes) {
			system.awaitNotification(gaining, pushId, "SENT");
		}
		String otherPush = scenario.push(losing, scenario.domain(losing, 1, null), other).get("push_id").asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at(otherPath).size() == 1);
		double seconds = (System.nanoTime() - started) / 1e9;
		assertThat(receiver.held()).as("the hanging endpoint's first delivery is still held").isEqualTo(1);
		assertThat(receiver.at(hangingPath)).as("and nothing else was sent to it meanwhile").hasSize(1);
		assertThat(JSON.readTree(receiver.at(otherPath).get(0).body()).at("/data/push_id").asString())
			.isEqualTo(otherPush);
		System.out.printf("[webhooks] 10 emails and another endpoint's delivery in %.2f s while an endpoint hung%n",
				seconds);
		receiver.release();
		await().atMost(Duration.ofSeconds(60)).until(() -> deliveredIds(hangingPath).size() == 10);
	}

	@Test
	void shouldRotateTheSecretAndSignWithBothDuringTheOverlap() {
		Company company = scenario.company("a");
		String path = "/rotated-" + company.id();
		JsonNode hook = register(company, path, "push.completed");
		ApiClient.Response rotated = api.post(hookPath(company, hook) + "/rotate-secret", company.token(), "");
		assertThat(rotated.status()).isEqualTo(200);
		String newSecret = rotated.json().get("secret").asString();
		assertThat(newSecret).startsWith("whsec_").isNotEqualTo(hook.get("secret").asString());
		assertThat(api.get(hookPath(company, hook), company.token()).json().get("secret").isNull()).isTrue();
		assertThat(api.post(hookPath(company, hook) + "/ping", company.token(), "").status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at(path).size() == 1);
		WebhookReceiver.Received ping = receiver.at(path).get(0);
		assertThat(JSON.readTree(ping.body()).get("type").asString()).isEqualTo("webhook.ping");
		assertThat(ping.signature().split(" ")).hasSize(2);
		for (String secret : List.of(newSecret, hook.get("secret").asString())) {
			assertThat(
					StandardWebhooksVerifier.verify(secret, ping.id(), ping.timestamp(), ping.body(), ping.signature()))
				.isTrue();
		}
		assertThat(system.db
			.sql("select count(*) from webhooks where webhook_id = cast(:id as uuid)"
					+ " and position(convert_to(:secret, 'UTF8') in secret) > 0")
			.param("id", hook.get("webhook_id").asString())
			.param("secret", newSecret)
			.query(Long.class)
			.single()).as("the secret is not stored in clear").isZero();
		assertThat(api.delete(hookPath(company, hook), company.token()).status()).isEqualTo(204);
		assertThat(api.get(hookPath(company, hook), company.token()).status()).isEqualTo(404);
	}

	@Test
	void shouldRefuseBadRegistrationsAndChangeNothing() {
		Company company = scenario.company("a");
		String base = "/api/v1/companies/" + company.id() + "/webhooks";
		for (String body : List.of("{\"url\":\"ftp://example.com/x\",\"events\":[\"push.completed\"]}",
				"{\"url\":\"https://user:pw@example.com/x\",\"events\":[\"push.completed\"]}",
				"{\"url\":\"https://example.com/x\",\"events\":[]}",
				"{\"url\":\"https://example.com/x\",\"events\":[\"push.exploded\"]}",
				"{\"url\":\"https://example.com/" + "x".repeat(2000) + "\",\"events\":[\"push.completed\"]}")) {
			ApiClient.Response refused = api.post(base, company.token(), body);
			assertThat(refused.status()).as(body).isIn(400, 422);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		}
		for (int i = 0; i < 10; i++) {
			register(company, "/many-" + i, "push.completed");
		}
		ApiClient.Response tooMany = api.post(base, company.token(),
				"{\"url\":\"" + receiver.url("/eleventh") + "\",\"events\":[\"push.completed\"]}");
		assertThat(tooMany.status()).isEqualTo(409);
		assertThat(tooMany.json().get("code").asString()).isEqualTo("TOO_MANY_WEBHOOKS");
		JsonNode firstPage = api.get(base + "?size=4", company.token()).json();
		assertThat(firstPage.get("items")).hasSize(4);
		assertThat(firstPage.get("has_more").asBoolean()).isTrue();
		assertThat(api.get(base + "?size=200&page=0", company.token()).json().get("items")).hasSize(10);
	}

	private JsonNode register(Company company, String path, String... events) {
		return receiver.register(api, company, path, events);
	}

	private static String hookPath(Company company, JsonNode hook) {
		return "/api/v1/companies/" + company.id() + "/webhooks/" + hook.get("webhook_id").asString();
	}

	/** The webhook-ids of the deliveries of this endpoint that were answered 2xx. */
	private Set<String> deliveredIds(String path) {
		return system.db.sql("""
				select d.delivery_id::text from webhook_deliveries d join webhooks w on w.webhook_id = d.webhook_id
				 where w.url = :url and d.status = 'DELIVERED'""")
			.param("url", receiver.url(path))
			.query(String.class)
			.list()
			.stream()
			.collect(Collectors.toSet());
	}

}
