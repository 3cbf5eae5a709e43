package io.domainpush.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notification modes: a company in {@code batch_digest} mode gets one email per bulk
 * migration when it finishes (every domain: the first 100 in the body, all in an attached
 * CSV), on the gaining side and, when it asked to be told, on the losing side; once, also
 * when the events are replayed; single pushes and {@code per_domain} companies keep one
 * email per domain.
 */
class DigestIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldSendOneDigestPerSideForA300DomainBatch() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		String gainingAddress = "noc-" + gaining.id() + "@gaining.example";
		String losingAddress = "noc-" + losing.id() + "@losing.example";
		settings(gaining, "[" + losing.id() + "]", gainingAddress, false, "batch_digest");
		settings(losing, "[]", losingAddress, true, "batch_digest");
		List<String> domains = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			domains.add(scenario.domain(losing, i % 3, null));
		}
		String single = scenario.domain(losing, 2, null);

		JsonNode batch = submit(losing, gaining, domains);
		String batchId = batch.get("batch_id").asString();
		String digestId = "<" + batchId + ".digest@domain-push>";
		String departedId = "<" + batchId + ".digest-losing-" + losing.id() + "@domain-push>";
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Emails.withMessageId(system.mail, digestId).size() == 1
					&& Emails.withMessageId(system.mail, departedId).size() == 1);
		// a single push still gets its own email on both sides
		String singlePush = scenario.push(losing, single, gaining).get("push_id").asString();
		system.awaitNotification(gaining, singlePush, "SENT");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Emails.withMessageId(system.mail, "<" + singlePush + ".losing@domain-push>").size() == 1);

		system.replayEventsToNotifier();
		system.awaitQuiet();
		List<MimeMessage> digests = Emails.withMessageId(system.mail, digestId);
		List<MimeMessage> departed = Emails.withMessageId(system.mail, departedId);
		assertThat(digests).hasSize(1);
		assertThat(departed).hasSize(1);
		// no per-domain email for a domain of the batch, on either side
		List<String> pushIds = pushIdsOf(batchId);
		assertThat(pushIds).hasSize(300);
		assertThat(system.mail.received()
			.stream()
			.map(Emails::id)
			.filter(id -> pushIds.stream().anyMatch(push -> id.startsWith("<" + push)))).isEmpty();
		assertThat(system.db.sql("""
				select count(*) from notifications n join pushes p on p.push_id = n.push_id
				 where p.batch_id = cast(:b as uuid) and n.status = 'IN_DIGEST'""")
			.param("b", batchId)
			.query(Long.class)
			.single()).isEqualTo(600);
		JsonNode push = api.get("/api/v1/pushes/" + pushIds.get(0), gaining.token()).json();
		assertThat(push.at("/notification/status").asString()).isEqualTo("IN_DIGEST");

		Emails.Digest digest = Emails.parseDigest(digests.get(0));
		assertThat(digest.email().to()).containsExactly(gainingAddress);
		assertThat(digest.email().subject())
			.isEqualTo("Bulk migration finished: 300 of 300 domains pushed to your account");
		assertThat(digest.email().body()).contains("Completed:        300 (300 users moved)",
				"The first 100 of 300 domains are listed here; all 300 are in the attached file domains.zip (domains.csv).",
				"Batch:            " + batchId);
		assertThat(listedDomains(digest.email().body(), domains)).hasSize(100);
		assertThat(listedDomains(digest.email().html(), domains)).hasSize(100);
		assertThat(digest.email().html().replace("\r\n", "\n"))
			.contains("<strong><span>300</span> of\n<span>300</span> domains</strong>");
		assertThat(digest.attachmentName()).isEqualTo("domains.zip");
		List<String> rows = digest.csv().lines().toList();
		assertThat(rows.get(0)).isEqualTo("domain,outcome,reason,users_moved,from_company_id,from_company");
		assertThat(rows).hasSize(301);
		assertThat(rows.subList(1, 301).stream().map(r -> r.substring(0, r.indexOf(','))))
			.containsExactlyElementsOf(new TreeSet<>(domains));
		assertThat(rows.get(1))
			.endsWith(",COMPLETED,," + usersOf(rows.get(1), domains) + "," + losing.id() + "," + losing.name());
		assertThat(digests.get(0).getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");

		Emails.Digest notice = Emails.parseDigest(departed.get(0));
		assertThat(notice.email().to()).containsExactly(losingAddress);
		assertThat(notice.email().subject()).isEqualTo("300 domains pushed out of your account to " + gaining.name());
		assertThat(notice.csv().lines()).hasSize(301).first().isEqualTo("domain,users_moved,to_company_id,to_company");
	}

	@Test
	void shouldListEveryOutcomeInTheBodyOfAShortDigest() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		settings(gaining, "[" + losing.id() + "]", "noc-" + gaining.id() + "@gaining.example", false, "batch_digest");
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 2, null),
				scenario.domain(losing, 0, null));
		system.pauseWorker();
		JsonNode batch;
		try {
			batch = submit(losing, gaining, domains);
			String cancelled = pushIdsOf(batch.get("batch_id").asString()).get(0);
			assertThat(api.delete("/api/v1/pushes/" + cancelled, losing.token()).status()).isEqualTo(200);
		}
		finally {
			system.resumeWorker();
		}
		String digestId = "<" + batch.get("batch_id").asString() + ".digest@domain-push>";
		await().atMost(Duration.ofSeconds(30)).until(() -> Emails.withMessageId(system.mail, digestId).size() == 1);
		Emails.Digest digest = Emails.parseDigest(Emails.withMessageId(system.mail, digestId).get(0));
		assertThat(digest.csv()).isNull();
		assertThat(digest.email().subject())
			.isEqualTo("Bulk migration finished: 2 of 3 domains pushed to your account");
		assertThat(digest.email().body()).contains("Completed:        2", "Cancelled:        1");
		assertThat(listedDomains(digest.email().body(), domains)).hasSize(3);
		assertThat(digest.email().body()).containsPattern("  \\S+  CANCELLED  users: -  from: ");
	}

	@Test
	void shouldKeepOneEmailPerDomainInPerDomainMode() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		JsonNode settings = api.get("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token()).json();
		assertThat(settings.get("notification_mode").asString()).isEqualTo("per_domain");
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 1, null));
		String batchId = submit(losing, gaining, domains).get("batch_id").asString();
		for (String pushId : pushIdsOf(batchId)) {
			system.awaitNotification(gaining, pushId, "SENT");
			assertThat(Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>")).hasSize(1);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> system.db
				.sql("select finished_at is not null from push_batches where batch_id = cast(:b as uuid)")
				.param("b", batchId)
				.query(Boolean.class)
				.single());
		system.awaitQuiet();
		assertThat(Emails.withMessageId(system.mail, "<" + batchId + ".digest@domain-push>")).isEmpty();
		assertThat(system.db.sql("select count(*) from notification_digests where batch_id = cast(:b as uuid)")
			.param("b", batchId)
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * A batch the operator submits may take domains from many companies: each losing
	 * company that asked gets its digest when the batch finishes, more than one claim's
	 * worth (10) of them included.
	 */
	@Test
	void shouldSendEveryLosingCompanyItsDigestWhenABatchHasMany() {
		Company gaining = scenario.company("a");
		List<Company> losing = new ArrayList<>();
		List<String> domains = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Company company = scenario.company("a");
			settings(company, "[]", "noc-" + company.id() + "@losing.example", true, "batch_digest");
			losing.add(company);
			domains.add(scenario.domain(company, 1, null));
		}
		settings(gaining, losing.stream().map(c -> String.valueOf(c.id())).collect(Collectors.joining(",", "[", "]")),
				"noc-" + gaining.id() + "@gaining.example", false, "per_domain");
		ApiClient.Response batch = api.post("/api/v1/push-batches", RunningSystem.OPERATOR_TOKEN,
				Scenario.batchBody(gaining.id(), domains));
		assertThat(batch.status()).as(batch.toString()).isEqualTo(202);
		assertThat(batch.json().get("accepted").asInt()).isEqualTo(12);
		String batchId = batch.json().get("batch_id").asString();
		// well within the orphan sweep's 10 minutes: only the BatchFinished event sends
		// them
		await().atMost(Duration.ofSeconds(30))
			.until(() -> losing.stream()
				.allMatch(c -> Emails
					.withMessageId(system.mail, "<" + batchId + ".digest-losing-" + c.id() + "@domain-push>")
					.size() == 1));
	}

	@Test
	void shouldRefuseAnUnknownNotificationMode() {
		Company company = scenario.company("a");
		ApiClient.Response refused = api.put("/api/v1/companies/" + company.id() + "/domain-push", company.token(),
				"{\"allowed_companies\":[],\"notification_email\":null,\"notification_mode\":\"hourly\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("notification_mode", "must be per_domain or batch_digest");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domain-push", company.token())
			.json()
			.get("notification_mode")
			.asString()).isEqualTo("per_domain");
	}

	private void settings(Company company, String allowed, String email, boolean notifyOut, String mode) {
		ApiClient.Response changed = api.put("/api/v1/companies/" + company.id() + "/domain-push", company.token(),
				"{\"allowed_companies\":" + allowed + ",\"notification_email\":\"" + email
						+ "\",\"notify_when_pushed_out\":" + notifyOut + ",\"notification_mode\":\"" + mode + "\"}");
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().get("notification_mode").asString()).isEqualTo(mode);
	}

	private JsonNode submit(Company losing, Company gaining, List<String> domains) {
		ApiClient.Response response = api.post("/api/v1/push-batches", losing.token(), "{\"gaining_company_id\":"
				+ gaining.id() + ",\"domains\":[\"" + String.join("\",\"", domains) + "\"]}");
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(domains.size());
		return response.json();
	}

	private List<String> pushIdsOf(String batchId) {
		return system.db.sql("select push_id::text from pushes where batch_id = cast(:b as uuid) order by domain_name")
			.param("b", batchId)
			.query(String.class)
			.list();
	}

	private static Set<String> listedDomains(String text, List<String> domains) {
		Set<String> listed = new TreeSet<>();
		domains.stream().filter(text::contains).forEach(listed::add);
		return listed;
	}

	/** Domain i of the list has i % 3 users. */
	private static int usersOf(String row, List<String> domains) {
		return domains.indexOf(row.substring(0, row.indexOf(','))) % 3;
	}

}
