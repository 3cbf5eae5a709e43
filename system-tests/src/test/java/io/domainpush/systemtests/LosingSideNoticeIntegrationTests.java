package io.domainpush.systemtests;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The losing side's notice: a company that asked to be told of domains pushed out gets
 * one notice per push at its notification address, with its own Message-ID, also when the
 * request is redelivered and the events replayed; a company that did not ask gets
 * nothing.
 */
class LosingSideNoticeIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldTellTheLosingSideOnceWhenItAsked() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		String losingAddress = "noc-" + losing.id() + "@losing.example";
		ApiClient.Response asked = api.put("/api/v1/companies/" + losing.id() + "/domain-push", losing.token(),
				"{\"allowed_companies\":[],\"notification_email\":\"" + losingAddress
						+ "\",\"notify_when_pushed_out\":true}");
		assertThat(asked.json().get("notify_when_pushed_out").asBoolean()).as(asked.body()).isTrue();
		// a settings change that does not name it keeps it
		api.put("/api/v1/companies/" + losing.id() + "/domain-push", losing.token(),
				"{\"allowed_companies\":[],\"notification_email\":\"" + losingAddress + "\"}");
		String domain = scenario.domain(losing, 4, null);

		JsonNode accepted = scenario.push(losing, domain, gaining);
		String pushId = accepted.get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		String noticeId = "<" + pushId + ".losing@domain-push>";
		await().atMost(Duration.ofSeconds(30)).until(() -> Emails.withMessageId(system.mail, noticeId).size() == 1);

		// redelivered request, replayed events: still one notice and one email
		system.redeliverRequest(accepted, losing, gaining);
		system.replayEventsToNotifier();
		system.awaitQuiet();
		List<MimeMessage> notices = Emails.withMessageId(system.mail, noticeId);
		assertThat(notices).hasSize(1);
		assertThat(Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>")).hasSize(1);
		assertThat(system.db
			.sql("select count(*) from notifications where push_id = cast(:p as uuid) and audience = 'LOSING'")
			.param("p", pushId)
			.query(Long.class)
			.single()).isEqualTo(1);

		Emails.Parsed notice = Emails.parse(notices.get(0));
		assertThat(notice.to()).containsExactly(losingAddress);
		assertThat(notice.subject())
			.isEqualTo("Domain " + domain + " was pushed out of your account to " + gaining.name());
		assertThat(notice.body()).contains(domain, gaining.name() + " (company_id " + gaining.id() + ")",
				"Users moved:   4", "your billing for it ends then");
		assertThat(notice.html()).contains(domain, gaining.name(), "<td>4</td>");
		assertThat(notices.get(0).getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		// the push as the API shows it still carries the gaining company's notification
		JsonNode push = api.get("/api/v1/pushes/" + pushId, gaining.token()).json();
		assertThat(push.at("/notification/to").asString()).isEqualTo("noc-" + gaining.id() + "@gaining.example");
	}

	@Test
	void shouldTellTheLosingSideNothingUnlessItAsked() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		scenario.allow(losing, "noc-" + losing.id() + "@losing.example");
		String domain = scenario.domain(losing, 1, null);
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		system.awaitQuiet();
		assertThat(Emails.withMessageId(system.mail, "<" + pushId + ".losing@domain-push>")).isEmpty();
		assertThat(system.db.sql("select count(*) from notifications where push_id = cast(:p as uuid)")
			.param("p", pushId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(api.get("/api/v1/companies/" + losing.id() + "/domain-push", losing.token())
			.json()
			.get("notify_when_pushed_out")
			.asBoolean()).isFalse();
	}

}
