package io.domainpush.systemtests;

import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R10: whatever is redelivered or replayed, a push is applied once and mailed once. The
 * request record is delivered again (twice), and the whole events topic is replayed to
 * the notifier.
 */
class ExactlyOnceIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldApplyAndMailOnceWhenRequestRedeliveredAndEventsReplayed() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@example.com", losing);
		String domain = scenario.domain(losing, 5, null);
		DomainFingerprint before = DomainFingerprint.of(system.db, domain);
		JsonNode accepted = scenario.push(losing, domain, gaining);
		String pushId = accepted.get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		system.awaitQuiet();
		Map<String, Object> stateAfterFirst = state(pushId, domain);
		double skippedBefore = system.counter(system.services.worker(), "push.outcomes", "outcome", "SKIPPED");
		double alreadyMailedBefore = system.counter(system.services.notifier(), "push.emails", "status",
				"ALREADY_DONE");

		// the same request delivered twice more, as after a producer retry or a consumer
		// crash before commit, and every event ever published replayed to the notifier
		system.redeliverRequest(accepted, losing, gaining);
		system.redeliverRequest(accepted, losing, gaining);
		system.replayEventsToNotifier();
		system.awaitQuiet();

		// the redeliveries and the replay did reach the consumers, and were recognised as
		// done
		// (two copies in one poll are recognised as one request, so one or two skips)
		assertThat(system.counter(system.services.worker(), "push.outcomes", "outcome", "SKIPPED") - skippedBefore)
			.isBetween(1.0, 2.0);
		assertThat(system.counter(system.services.notifier(), "push.emails", "status", "ALREADY_DONE")
				- alreadyMailedBefore)
			.isGreaterThanOrEqualTo(1);
		assertThat(state(pushId, domain)).isEqualTo(stateAfterFirst);
		assertThat(stateAfterFirst).containsEntry("history", 1L).containsEntry("owner", gaining.id());
		assertThat(DomainFingerprint.of(system.db, domain)).isEqualTo(before);
		List<jakarta.mail.internet.MimeMessage> emails = Emails.withMessageId(system.mail,
				"<" + pushId + "@domain-push>");
		assertThat(emails).hasSize(1);
		JsonNode push = api.get("/api/v1/pushes/" + pushId, gaining.token()).json();
		assertThat(push.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(push.get("notification").get("status").asString()).isEqualTo("SENT");
	}

	private static Map<String, Object> state(String pushId, String domain) {
		return system.db
			.sql("""
					select (select count(*) from push_history where push_id = cast(:push as uuid)) as history,
					       (select company_id from domains where name = :domain) as owner,
					       (select count(*) from billing_periods b join domains d using (domain_id) where d.name = :domain) as periods,
					       (select count(*) from brands) as brands,
					       (select attempts from notifications where push_id = cast(:push as uuid)) as attempts,
					       (select completed_at::text from pushes where push_id = cast(:push as uuid)) as completed_at""")
			.param("push", pushId)
			.param("domain", domain)
			.query()
			.singleRow();
	}

}
