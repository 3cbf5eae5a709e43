package io.domainpush.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk migrations: up-front checks per domain, CSV input, progress, cancellation, batched
 * exactly-once.
 */
class PushBatchIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldAcceptValidDomainsAndReportEachRefusal() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company stranger = scenario.company("a");
		scenario.allow(gaining, null, losing, stranger);
		List<String> valid = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 2, null),
				scenario.domain(losing, 0, null));
		String foreign = scenario.domain(stranger, 1, null);
		String queued = scenario.domain(losing, 1, null);
		system.pauseWorker();
		JsonNode batch;
		try {
			scenario.push(losing, queued, gaining);
			String body = Scenario.batchBody(gaining.id(), List.of(valid.get(0), "bad_name", valid.get(1),
					"unknown-" + valid.get(0), valid.get(0).toUpperCase(), foreign, queued, valid.get(2)));
			ApiClient.Response response = api.post("/api/v1/push-batches", losing.token(), body);
			assertThat(response.status()).as(response.toString()).isEqualTo(202);
			batch = response.json();
		}
		finally {
			system.resumeWorker();
		}
		assertThat(batch.get("total").asInt()).isEqualTo(8);
		assertThat(batch.get("accepted").asInt()).isEqualTo(3);
		assertThat(batch.get("rejected").asInt()).isEqualTo(5);
		// in the order of the submitted list
		assertThat(batch.get("rejections")
			.get("items")
			.valueStream()
			.map(r -> r.get("domain").asString() + "=" + r.get("code").asString()))
			.containsExactly("bad_name=VALIDATION_FAILED", "unknown-" + valid.get(0) + "=DOMAIN_NOT_FOUND",
					valid.get(0) + "=DUPLICATE_IN_BATCH", foreign + "=DOMAIN_NOT_FOUND", queued + "=PUSH_IN_PROGRESS");
		assertThat(batch.get("rejections").get("has_more").asBoolean()).isFalse();
		assertThat(batch.get("rejected_by_code").get("DOMAIN_NOT_FOUND").asInt()).isEqualTo(2);
		String batchId = batch.get("batch_id").asString();
		JsonNode stored = api.get("/api/v1/push-batches/" + batchId + "/rejections?size=2&page=1", losing.token())
			.json();
		assertThat(stored.get("items").valueStream().map(r -> r.get("code").asString()))
			.containsExactly("DUPLICATE_IN_BATCH", "DOMAIN_NOT_FOUND");
		assertThat(stored.get("has_more").asBoolean()).isTrue();
		JsonNode progress = awaitFinished(losing, batchId);
		assertThat(progress.get("completed").asInt()).isEqualTo(3);
		assertThat(progress.get("pending").asInt()).isZero();
		assertThat(progress.get("rejected").asInt()).isEqualTo(5);
		JsonNode pushes = api.get("/api/v1/push-batches/" + batchId + "/pushes?status=COMPLETED", gaining.token())
			.json();
		assertThat(pushes.get("items").valueStream().map(p -> p.get("domain").asString()))
			.containsExactlyInAnyOrderElementsOf(valid);
		for (String domain : valid) {
			assertThat(api.get("/api/v1/domains/" + domain, gaining.token()).json().get("company_id").asLong())
				.isEqualTo(gaining.id());
		}
		assertThat(api.get("/api/v1/push-batches/" + batchId, stranger.token()).status()).isEqualTo(404);
	}

	@Test
	void shouldReadCsvBodies() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String first = scenario.domain(losing, 1, null);
		String second = scenario.domain(losing, 1, null);
		String csv = "domain\n" + first + "\n\n# a comment\n" + second + "\r\n";
		ApiClient.Response response = api.send("POST", "/api/v1/push-batches?gaining_company_id=" + gaining.id(),
				losing.token(), csv, Map.of("Content-Type", "text/csv"));
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(awaitFinished(losing, response.json().get("batch_id").asString()).get("completed").asInt())
			.isEqualTo(2);
	}

	@Test
	void shouldRefuseBatchesOverTheLimitAndOtherMediaTypes() {
		Company losing = scenario.company("a");
		StringBuilder csv = new StringBuilder();
		for (int i = 0; i <= 100_000; i++) {
			csv.append('d').append(i).append(".example\n");
		}
		ApiClient.Response tooMany = api.send("POST", "/api/v1/push-batches?gaining_company_id=" + losing.id(),
				losing.token(), csv.toString(), Map.of("Content-Type", "text/csv"));
		assertThat(tooMany.status()).isEqualTo(413);
		assertThat(tooMany.code()).isEqualTo("PAYLOAD_TOO_LARGE");
		ApiClient.Response xml = api.send("POST", "/api/v1/push-batches", losing.token(), "<batch/>",
				Map.of("Content-Type", "application/xml"));
		assertThat(xml.status()).isEqualTo(415);
		assertThat(
				api.post("/api/v1/push-batches", losing.token(), "{\"domains\":[\"a.example\"],\"extra\":1}").status())
			.isEqualTo(400);
	}

	@Test
	void shouldCancelWhatIsStillQueued() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		List<String> domains = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			domains.add(scenario.domain(losing, 1, null));
		}
		system.pauseWorker();
		String batchId;
		try {
			batchId = submit(losing, gaining, domains).get("batch_id").asString();
			assertThat(api.delete("/api/v1/push-batches/" + batchId, gaining.token()).status()).isEqualTo(403);
			JsonNode cancelled = api.delete("/api/v1/push-batches/" + batchId, losing.token()).json();
			assertThat(cancelled.get("cancelled").asInt()).isEqualTo(5);
			assertThat(cancelled.get("pending").asInt()).isZero();
			assertThat(cancelled.get("finished_at").isNull()).isFalse();
		}
		finally {
			system.resumeWorker();
		}
		system.awaitQuiet();
		for (String domain : domains) {
			assertThat(api.get("/api/v1/domains/" + domain, losing.token()).status()).isEqualTo(200);
		}
	}

	@Test
	void shouldKeepProgressConsistentAndApplyARedeliveredBatchOnce() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@example.com", losing);
		List<String> domains = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			domains.add(scenario.domain(losing, 1, null));
		}
		String batchId = submit(losing, gaining, domains).get("batch_id").asString();
		// every observation must be consistent (a failed assertion here fails the test at
		// once, it is not retried)
		java.util.concurrent.atomic.AtomicInteger observations = new java.util.concurrent.atomic.AtomicInteger();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode p = api.get("/api/v1/push-batches/" + batchId, losing.token()).json();
			long done = p.get("completed").asLong() + p.get("rejected").asLong() + p.get("cancelled").asLong()
					+ p.get("failed").asLong();
			assertThat(done + p.get("pending").asLong()).isEqualTo(150);
			assertThat(p.get("completed").asLong()).isLessThanOrEqualTo(p.get("accepted").asLong());
			assertThat(p.get("finished_at").isNull()).isEqualTo(p.get("pending").asLong() > 0);
			observations.incrementAndGet();
			return !p.get("finished_at").isNull();
		});
		assertThat(observations.get()).isGreaterThan(1);
		system.awaitQuiet();
		long history = historyRows(batchId);
		assertThat(history).isEqualTo(150);
		// the whole batch delivered again
		for (Map<String, Object> push : system.db.sql("""
				select push_id, domain_name, losing_company_id, gaining_company_id, submitted_at from pushes
				 where batch_id = cast(:id as uuid)""").param("id", batchId).query().listOfRows()) {
			system.produce(Topics.REQUESTS, (String) push.get("domain_name"),
					EventCodec
						.encode(PushRequested.of((java.util.UUID) push.get("push_id"), (String) push.get("domain_name"),
								(Long) push.get("losing_company_id"), (Long) push.get("gaining_company_id"),
								((java.sql.Timestamp) push.get("submitted_at")).toInstant())));
		}
		system.awaitQuiet();
		assertThat(historyRows(batchId)).isEqualTo(150);
		assertThat(system.db.sql("""
				select count(*) from notifications n join pushes p using (push_id)
				 where p.batch_id = cast(:id as uuid) and n.status = 'SENT' and n.attempts = 1""")
			.param("id", batchId)
			.query(Long.class)
			.single()).isEqualTo(150);
	}

	private static long historyRows(String batchId) {
		return system.db
			.sql("""
					select count(*) from push_history h join pushes p using (push_id) where p.batch_id = cast(:id as uuid)""")
			.param("id", batchId)
			.query(Long.class)
			.single();
	}

	private static JsonNode submit(Company losing, Company gaining, List<String> domains) {
		ApiClient.Response response = api.post("/api/v1/push-batches", losing.token(),
				Scenario.batchBody(gaining.id(), domains));
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(domains.size());
		return response.json();
	}

	private static JsonNode awaitFinished(Company viewer, String batchId) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/push-batches/" + batchId, viewer.token()).json(),
					p -> !p.get("finished_at").isNull());
	}

}
