package io.domainpush.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When and whether a push happens (DESIGN §5, R11–R13), against the running system: a
 * company that approves each push is asked once (email, webhook) and the push moves only
 * once approved; declined, withdrawn and unanswered pushes move nothing; a planned push
 * waits for its time and goes ahead then; a hold refuses the next push saying until when,
 * over REST and OMA.
 */
class PushDecisionsIntegrationTests extends AgainstRunningSystem {

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
	void shouldWaitForTheGainingCompanysApprovalThenApplyOnceAndAskItOnce() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company stranger = scenario.company("a");
		String address = approving(gaining, losing);
		String hookPath = "/approvals-" + gaining.id();
		receiver.register(api, gaining, hookPath, "push.awaiting_approval", "push.approved", "push.completed");
		String domain = scenario.domain(losing, 2, null);

		JsonNode submitted = scenario.push(losing, domain, gaining);
		String pushId = submitted.get("push_id").asString();
		assertThat(submitted.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
		Instant deadline = Instant.parse(submitted.get("approval_deadline").asString());
		assertThat(deadline).isBetween(Instant.now().plus(Duration.ofDays(10)).minusSeconds(60),
				Instant.now().plus(Duration.ofDays(10)));
		String requestId = "<" + pushId + ".approval@domain-push>";
		await().atMost(Duration.ofSeconds(30)).until(() -> Emails.withMessageId(system.mail, requestId).size() == 1);
		Emails.Parsed request = Emails.parse(Emails.withMessageId(system.mail, requestId).get(0));
		assertThat(request.to()).containsExactly(address);
		assertThat(request.subject())
			.isEqualTo("Approve or decline: " + losing.name() + " wants to push " + domain + " to your account");
		assertThat(request.body()).contains(domain, "/console/pushes/" + pushId, "Answer by:");
		await().atMost(Duration.ofSeconds(30)).until(() -> types(hookPath).contains("push.awaiting_approval"));

		// nothing moves while it waits; the losing side cannot approve; another company
		// sees nothing
		assertThat(owner(domain)).isEqualTo(losing.id());
		assertThat(api.post("/api/v1/pushes/" + pushId + "/approve", losing.token(), "").json().get("code").asString())
			.isEqualTo("FORBIDDEN");
		ApiClient.Response foreign = api.post("/api/v1/pushes/" + pushId + "/approve", stranger.token(), "");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.json().get("code").asString()).isEqualTo("PUSH_NOT_FOUND");

		ApiClient.Response approved = api.post("/api/v1/pushes/" + pushId + "/approve", gaining.token(), "");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		system.awaitStatus(gaining, pushId, "COMPLETED");
		assertThat(owner(domain)).isEqualTo(gaining.id());
		ApiClient.Response again = api.post("/api/v1/pushes/" + pushId + "/approve", gaining.token(), "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("PUSH_NOT_AWAITING_APPROVAL");

		system.awaitNotification(gaining, pushId, "SENT");
		system.replayEventsToNotifier();
		system.replayEventsToWebhooks();
		system.awaitQuiet();
		await().atMost(Duration.ofSeconds(30)).until(() -> types(hookPath).contains("push.completed"));
		assertThat(Emails.withMessageId(system.mail, requestId)).as("asked once").hasSize(1);
		assertThat(Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>")).as("told once").hasSize(1);
		assertThat(types(hookPath)).containsExactlyInAnyOrder("push.awaiting_approval", "push.approved",
				"push.completed");
		assertThat(auditActions(gaining)).contains("PUSH_APPROVED push " + pushId);
	}

	@Test
	void shouldMoveNothingForADeclinedWithdrawnOrUnansweredPush() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		approving(gaining, losing);
		String declinedDomain = scenario.domain(losing, 1, null);
		String withdrawnDomain = scenario.domain(losing, 1, null);
		String unansweredDomain = scenario.domain(losing, 1, null);
		String declined = scenario.push(losing, declinedDomain, gaining).get("push_id").asString();
		String withdrawn = scenario.push(losing, withdrawnDomain, gaining).get("push_id").asString();
		String unanswered = scenario.push(losing, unansweredDomain, gaining).get("push_id").asString();

		assertThat(api.post("/api/v1/pushes/" + declined + "/decline", gaining.token(), "").status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/pushes/" + withdrawn, gaining.token()).json().get("code").asString())
			.as("only the losing side withdraws")
			.isEqualTo("FORBIDDEN");
		assertThat(api.delete("/api/v1/pushes/" + withdrawn, losing.token()).json().get("status").asString())
			.isEqualTo("CANCELLED");
		// the deadline passes: the next round of the due loop expires it
		system.db
			.sql("update pushes set approval_deadline = now() - interval '1 second' where push_id = cast(:p as uuid)")
			.param("p", unanswered)
			.update();
		system.awaitStatus(losing, unanswered, "EXPIRED");

		assertThat(api.get("/api/v1/pushes/" + declined, losing.token()).json().get("status").asString())
			.isEqualTo("DECLINED");
		assertThat(List.of(owner(declinedDomain), owner(withdrawnDomain), owner(unansweredDomain)))
			.containsOnly(losing.id());
		assertThat(api.post("/api/v1/pushes/" + unanswered + "/approve", gaining.token(), "").status())
			.as("an expired push cannot be approved")
			.isEqualTo(409);
		assertThat(auditActions(gaining)).contains("PUSH_DECLINED push " + declined, "PUSH_EXPIRED push " + unanswered);
		// the domain may be pushed again: nothing of the ended pushes stands in the way
		assertThat(scenario.push(losing, declinedDomain, gaining).get("status").asString())
			.isEqualTo("AWAITING_APPROVAL");
	}

	@Test
	void shouldApplyAPlannedPushOnlyOnceItsTimeCameAndLetItBeCancelledUntilThen() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		String domain = scenario.domain(losing, 1, null);
		Instant notBefore = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);

		JsonNode planned = submit(losing, Map.of("domain", domain, "gaining_company_id", gaining.id(), "not_before",
				notBefore.atOffset(ZoneOffset.ofHours(2)).toString()));
		String pushId = planned.get("push_id").asString();
		assertThat(planned.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(Instant.parse(planned.get("not_before").asString())).isEqualTo(notBefore);
		JsonNode done = system.awaitStatus(losing, pushId, "COMPLETED");
		Instant completedAt = Instant.parse(done.get("completed_at").asString());
		assertThat(completedAt).as("never before its time").isAfterOrEqualTo(notBefore);
		System.out.printf("planned push: completed %d ms after its time%n",
				Duration.between(notBefore, completedAt).toMillis());

		String nextCycleDomain = scenario.domain(losing, 1, null);
		JsonNode nextCycle = submit(losing,
				Map.of("domain", nextCycleDomain, "gaining_company_id", gaining.id(), "at", "next_billing_cycle"));
		LocalDate cycleStart = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.firstDayOfNextMonth());
		assertThat(Instant.parse(nextCycle.get("not_before").asString()))
			.isEqualTo(cycleStart.atStartOfDay(ZoneOffset.UTC).toInstant());
		assertThat(api.delete("/api/v1/pushes/" + nextCycle.get("push_id").asString(), losing.token())
			.json()
			.get("status")
			.asString()).isEqualTo("CANCELLED");
		assertThat(owner(nextCycleDomain)).isEqualTo(losing.id());
	}

	@Test
	void shouldRefuseAPlanThatCannotBeKeptAndStoreNothing() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String domain = scenario.domain(losing, 1, null);
		String soon = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
		List<Map<String, Object>> wrong = List.of(
				Map.of("domain", domain, "gaining_company_id", gaining.id(), "not_before", soon, "at",
						"next_billing_cycle"),
				Map.of("domain", domain, "gaining_company_id", gaining.id(), "at", "tomorrow"),
				Map.of("domain", domain, "gaining_company_id", gaining.id(), "not_before",
						OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString()),
				Map.of("domain", domain, "gaining_company_id", gaining.id(), "not_before",
						OffsetDateTime.now(ZoneOffset.UTC).plusDays(401).toString()),
				Map.of("domain", domain, "gaining_company_id", gaining.id(), "not_before", "2027-01-01T00:00"));
		for (Map<String, Object> body : wrong) {
			ApiClient.Response refused = api.post("/api/v1/pushes", losing.token(), ApiClient.json(body));
			assertThat(refused.status()).as(body + " → " + refused).isEqualTo(400);
			assertThat(refused.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
		}
		assertThat(system.db.sql("select count(*) from pushes where domain_name = :d")
			.param("d", domain)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void shouldHoldADomainPushedInAndSayUntilWhenOverRestAndOma() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company next = scenario.company("a");
		scenario.allow(gaining, null, losing);
		scenario.allow(next, null, gaining);
		settings(gaining, Map.of("allowed_companies", List.of(losing.id()), "notification_email", "", "hold_days", 7));
		String domain = scenario.domain(losing, 1, null);
		system.awaitStatus(losing, scenario.push(losing, domain, gaining).get("push_id").asString(), "COMPLETED");

		ApiClient.Response held = api.post("/api/v1/pushes", gaining.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", next.id())));
		assertThat(held.status()).as(held.toString()).isEqualTo(409);
		assertThat(held.json().get("code").asString()).isEqualTo("DOMAIN_ON_HOLD");
		Instant until = Instant.parse(held.json().get("held_until").asString());
		assertThat(until).isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(120),
				Instant.now().plus(Duration.ofDays(7)));
		assertThat(held.json().get("detail").asString()).contains(until.toString());
		JsonNode precheck = api
			.post("/api/v1/pushes/precheck", gaining.token(),
					ApiClient.json(Map.of("domain", domain, "gaining_company_id", next.id())))
			.json();
		assertThat(precheck.at("/problems/0/code").asString()).isEqualTo("DOMAIN_ON_HOLD");
		assertThat(precheck.at("/problems/0/detail").asString()).contains(until.toString());

		String admin = "oma-hold-" + gaining.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(gaining, admin));
		JsonNode omaHeld = oma.call("push_domain", Map.of("domain", domain, "new_company", next.id()));
		OmaIntegrationTests.assertRefused(omaHeld, 102, until.toString());
		assertThat(owner(domain)).isEqualTo(gaining.id());
	}

	@Test
	void shouldAnswerOmaWithTheApprovalItWaitsForAndAttachARetryToTheSamePush() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		approving(gaining, losing);
		String domain = scenario.domain(losing, 1, null);
		String admin = "oma-approve-" + losing.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(losing, admin));

		JsonNode waiting = oma.call("push_domain", Map.of("domain", domain, "new_company", gaining.id()));
		OmaIntegrationTests.assertRefused(waiting, 100, "waiting for the gaining company's approval");
		String pushId = waiting.get("push_id").asString();
		assertThat(waiting.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
		JsonNode retried = oma.call("push_domain", Map.of("domain", domain, "new_company", gaining.id()));
		assertThat(retried.get("push_id").asString()).as("a retry attaches").isEqualTo(pushId);

		api.post("/api/v1/pushes/" + pushId + "/approve", gaining.token(), "");
		JsonNode applied = oma.call("push_domain", Map.of("domain", domain, "new_company", gaining.id()));
		assertThat(applied.get("success").asBoolean()).as(applied.toString()).isTrue();
		assertThat(applied.get("push_id").asString()).isEqualTo(pushId);
	}

	@Test
	void shouldApproveAWholeBatchAtOnceAndCountItsDecisions() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		approving(gaining, losing);
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 1, null),
				scenario.domain(losing, 1, null));
		String batchId = scenario.batch(losing, gaining, domains);
		JsonNode waiting = api.get("/api/v1/push-batches/" + batchId, losing.token()).json();
		assertThat(waiting.get("awaiting_approval").asLong()).isEqualTo(3);
		assertThat(api.post("/api/v1/push-batches/" + batchId + "/approve", losing.token(), "").status())
			.as("the submitting side cannot approve")
			.isEqualTo(403);

		String first = api.get("/api/v1/push-batches/" + batchId + "/pushes", gaining.token())
			.json()
			.at("/items/0/push_id")
			.asString();
		api.post("/api/v1/pushes/" + first + "/decline", gaining.token(), "");
		JsonNode approved = api.post("/api/v1/push-batches/" + batchId + "/approve", gaining.token(), "").json();
		assertThat(approved.get("awaiting_approval").asLong()).isZero();
		JsonNode finished = await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/push-batches/" + batchId, gaining.token()).json(),
					p -> !p.get("finished_at").isNull());
		assertThat(finished.get("completed").asLong()).isEqualTo(2);
		assertThat(finished.get("declined").asLong()).isEqualTo(1);
		assertThat(auditActions(gaining)).contains("BATCH_APPROVED batch " + batchId);
	}

	/**
	 * {@code gaining} allows {@code losing} and approves each push; @return its
	 * notification address
	 */
	private String approving(Company gaining, Company losing) {
		String address = "noc-" + gaining.id() + "@gaining.example";
		JsonNode after = settings(gaining,
				Map.of("allowed_companies", List.of(losing.id()), "notification_email", address, "accept", "approve"));
		assertThat(after.get("accept").asString()).isEqualTo("approve");
		assertThat(after.get("hold_days").asInt()).isZero();
		return address;
	}

	private JsonNode settings(Company company, Map<String, Object> settings) {
		Map<String, Object> body = new LinkedHashMap<>(settings);
		if ("".equals(body.get("notification_email"))) {
			body.put("notification_email", null);
		}
		ApiClient.Response changed = api.put("/api/v1/companies/" + company.id() + "/domain-push", company.token(),
				ApiClient.json(body));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		return changed.json();
	}

	private JsonNode submit(Company losing, Map<String, Object> body) {
		ApiClient.Response response = api.post("/api/v1/pushes", losing.token(), ApiClient.json(body));
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		return response.json();
	}

	private long owner(String domain) {
		return system.db.sql("select company_id from domains where name = :d")
			.param("d", domain)
			.query(Long.class)
			.single();
	}

	private List<String> auditActions(Company company) {
		return system.db.sql("select action || ' ' || target from audit_log where company_id = :c order by audit_id")
			.param("c", company.id())
			.query(String.class)
			.list();
	}

	/** The types of the deliveries at {@code path}, in arrival order. */
	private static List<String> types(String path) {
		return receiver.at(path)
			.stream()
			.map(delivery -> delivery.body().replaceAll("(?s)^\\{\"type\":\"([^\"]+)\".*", "$1"))
			.toList();
	}

}
