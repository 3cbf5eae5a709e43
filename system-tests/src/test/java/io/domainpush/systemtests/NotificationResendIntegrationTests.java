package io.domainpush.systemtests;

import java.time.Duration;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A FAILED notification is sent again on the gaining company's request, to its current
 * address.
 */
class NotificationResendIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldResendAFailedNotificationToTheCurrentAddress() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "typo-" + gaining.id() + "@gaining.example", losing);
		String domain = scenario.domain(losing, 2, null);
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		// as if the server had answered 550 for the mistyped address (GreenMail accepts
		// every address)
		system.db.sql(
				"update notifications set status = 'FAILED', last_error = 'SMTP 550: no such user' where push_id = cast(:id as uuid)")
			.param("id", pushId)
			.update();
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);

		ApiClient.Response losingAsks = api.post("/api/v1/pushes/" + pushId + "/notification/resend", losing.token(),
				null);
		assertThat(losingAsks.status()).isEqualTo(403);
		assertThat(losingAsks.code()).isEqualTo("FORBIDDEN");

		ApiClient.Response resent = api.post("/api/v1/pushes/" + pushId + "/notification/resend", gaining.token(),
				null);
		assertThat(resent.status()).as(resent.body()).isEqualTo(202);
		assertThat(resent.json().get("notification").get("status").asString()).isEqualTo("PENDING");
		assertThat(resent.json().get("notification").get("to").asString())
			.isEqualTo("noc-" + gaining.id() + "@gaining.example");
		JsonNode sent = system.awaitNotification(gaining, pushId, "SENT");
		assertThat(sent.get("notification").get("error").isNull()).isTrue();
		String messageId = "<" + pushId + "@domain-push>";
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					Emails.withMessageId(system.mail, messageId).stream().map(m -> Emails.parse(m).to()).toList())
				.contains(java.util.List.of("noc-" + gaining.id() + "@gaining.example")));
		assertThat(system.db.sql("select count(*) from audit_log where action = 'NOTIFICATION_RESENT' and target = :t")
			.param("t", "push " + pushId)
			.query(Long.class)
			.single()).isEqualTo(1);

		ApiClient.Response again = api.post("/api/v1/pushes/" + pushId + "/notification/resend", gaining.token(), null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("NOTIFICATION_NOT_RESENDABLE");
	}

	@Test
	void shouldRefuseToResendWhileTheCompanyHasNoNotificationAddress() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		String pushId = scenario.push(losing, scenario.domain(losing, 1, null), gaining).get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		system.db.sql("update notifications set status = 'FAILED' where push_id = cast(:id as uuid)")
			.param("id", pushId)
			.update();
		scenario.allow(gaining, null, losing);

		ApiClient.Response refused = api.post("/api/v1/pushes/" + pushId + "/notification/resend", gaining.token(),
				null);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("NOTIFICATION_NOT_RESENDABLE");
		assertThat(refused.json().get("detail").asString()).contains("no notification email");
		assertThat(api.get("/api/v1/pushes/" + pushId, gaining.token())
			.json()
			.get("notification")
			.get("status")
			.asString()).isEqualTo("FAILED");
	}

}
