package io.domainpush.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.domainpush.core.testing.RecordingTraces;
import io.domainpush.core.tracing.Traces;
import io.domainpush.core.webhook.WebhookEvent;
import io.domainpush.core.webhook.WebhookEventType;
import io.micrometer.tracing.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.domainpush.core.testing.QueueFixtures;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.Webhooks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared queue against a real PostgreSQL, through its webhook kind (lanes and
 * companies): an outcome is recorded only under the claim that took the row, rows given
 * back are not counted as attempts, a company never gets more lanes than its share, and a
 * run starts no attempt that could outlive its lease.
 */
class DeliveryQueueTests {

	private static JdbcClient db;

	private static QueueFixtures fixtures;

	@BeforeAll
	static void database() {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		db = JdbcClient.create(dataSource);
		fixtures = new QueueFixtures(db);
	}

	@Test
	void shouldRecordNothingUnderAClaimWhoseLeaseRanOutAndAnotherClaimTookItsRows() {
		Webhooks webhooks = webhooks(Duration.ofMillis(300));
		UUID delivery = fixtures.delivery(fixtures.webhook(fixtures.company()), "PENDING", "1 second");
		Claim<DueDelivery> first = webhooks.claim(only(delivery));
		assertThat(first.items()).hasSize(1);
		Claim<DueDelivery> second = await().atMost(Duration.ofSeconds(5))
			.until(() -> webhooks.claim(only(delivery)), claim -> !claim.isEmpty());

		assertThat(webhooks.queue().record(first, List.of(delivered(delivery)))).isZero();
		assertThat(first.isLost()).isTrue();
		assertThat(first.mayStart(Duration.ZERO)).isFalse();
		assertThat(webhooks.queue().record(second, List.of(delivered(delivery)))).isEqualTo(1);
		assertThat(row(delivery)).containsEntry("status", "DELIVERED").containsEntry("attempts", 2);
	}

	@Test
	void shouldGiveBackUntriedDeliveriesDueAgainWithoutCountingAnAttempt() {
		Webhooks webhooks = webhooks(Duration.ofMinutes(10));
		UUID delivery = fixtures.delivery(fixtures.webhook(fixtures.company()), "PENDING", "1 second");
		Claim<DueDelivery> claim = webhooks.claim(only(delivery));

		webhooks.queue().release(claim, List.of(delivery), Duration.ZERO);

		assertThat(row(delivery)).containsEntry("attempts", 0).containsEntry("claim_token", null);
		assertThat(webhooks.claim(only(delivery)).items()).hasSize(1);
	}

	@Test
	void shouldNeverGiveOneCompanyMoreLanesThanItsShareCountingThoseInFlight() {
		Webhooks webhooks = webhooks(Duration.ofMinutes(10));
		long busy = fixtures.company();
		long quiet = fixtures.company();
		List<UUID> busyEndpoints = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			UUID endpoint = fixtures.webhook(busy);
			busyEndpoints.add(endpoint);
			for (int j = 0; j < 4; j++) {
				fixtures.delivery(endpoint, "PENDING", (10 - j) + " minutes");
			}
		}
		UUID quietEndpoint = fixtures.webhook(quiet);
		fixtures.delivery(quietEndpoint, "PENDING", "1 second");
		String companies = "d.company_id in (" + busy + ", " + quiet + ")";

		Claim<DueDelivery> claim = webhooks
			.claim(Selection.due(1).withCondition(companies).inLanes(4, 2, 3, List.of(), Map.of()));

		assertThat(lanesOf(claim, busy)).hasSize(2);
		assertThat(lanesOf(claim, quiet)).containsExactly(quietEndpoint);
		assertThat(claim.items().stream().filter(d -> d.companyId() == busy)).hasSize(6);

		Claim<DueDelivery> atItsShare = webhooks.claim(Selection.due(1)
			.withCondition("d.company_id = " + busy)
			.inLanes(4, 2, 3, lanesOf(claim, busy), Map.of(busy, 2)));
		assertThat(atItsShare.items()).as("the busy company has its share in flight already").isEmpty();
	}

	@Test
	void shouldStartNoAttemptThatCouldOutliveTheLeaseAndGiveBackTheRest() {
		Webhooks webhooks = webhooks(Duration.ofSeconds(1));
		UUID endpoint = fixtures.webhook(fixtures.company());
		List<UUID> deliveries = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			deliveries.add(fixtures.delivery(endpoint, "PENDING", (10 - i) + " seconds"));
		}
		Claim<DueDelivery> claim = webhooks.claim(Selection.due(10)
			.inLanes(1, 1, 10, List.of(), Map.of())
			.withCondition("d.webhook_id = '" + endpoint + "'"));
		assertThat(claim.items()).hasSize(6);
		DeliveryRun<DueDelivery> run = new DeliveryRun<>(webhooks.queue(),
				new RetryPolicy(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
				Duration.ofMillis(200), Duration.ofMillis(50), Traces.none());

		// each attempt takes 250 ms: attempts may start while at most 600 ms have passed
		List<Outcome> outcomes = run.run(claim, claim.items(), new DeliverySession<>() {
			@Override
			public Attempt attempt(DueDelivery item) {
				LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
				return Attempt.sent(204);
			}

			@Override
			public void close() {
			}
		});

		assertThat(outcomes).hasSizeBetween(2, 3);
		List<Map<String, Object>> rows = deliveries.stream().map(DeliveryQueueTests::row).toList();
		assertThat(rows.subList(0, outcomes.size()))
			.allSatisfy(row -> assertThat(row).containsEntry("status", "DELIVERED"));
		assertThat(rows.subList(outcomes.size(), rows.size()))
			.allSatisfy(row -> assertThat(row).containsEntry("status", "PENDING")
				.containsEntry("attempts", 0)
				.containsEntry("claim_token", null));
	}

	@Test
	void shouldAttemptEachDeliveryInTheTraceOfTheEventThatMadeIt() {
		RecordingTraces tracing = new RecordingTraces();
		Webhooks webhooks = webhooks(Duration.ofMinutes(1));
		long company = fixtures.company();
		UUID endpoint = fixtures.webhook(company);
		Span event = tracing.request();
		String eventTrace = tracing.traces().traceParentOf(event);
		event.end();
		UUID subject = UUID.randomUUID();
		webhooks.enqueue(List.of(new WebhookEvent(WebhookEventType.PUSH_COMPLETED, subject, List.of(company, company),
				"{}", Instant.now())
			.continuing(eventTrace)), Duration.ofDays(1));
		Claim<DueDelivery> claim = webhooks.claim(Selection.due(10).withCondition("d.webhook_id = '" + endpoint + "'"));
		assertThat(claim.items()).singleElement().extracting(DueDelivery::traceParent).isEqualTo(eventTrace);
		List<String> seenBySession = new ArrayList<>();

		new DeliveryRun<>(webhooks.queue(),
				new RetryPolicy(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
				Duration.ofSeconds(5), Duration.ofMillis(50), tracing.traces())
			.run(claim, claim.items(), new DeliverySession<>() {
				@Override
				public Attempt attempt(DueDelivery item) {
					seenBySession.add(tracing.traces().current());
					return Attempt.sent(204);
				}

				@Override
				public void close() {
				}
			});

		SpanData attempt = tracing.ended("deliver webhook_deliveries");
		assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(attempt.getTraceId()).isEqualTo(event.context().traceId());
		assertThat(attempt.getParentSpanId()).isEqualTo(event.context().spanId());
		assertThat(attempt.getAttributes().asMap().toString()).contains("delivery.result=SENT", "delivery.code=204");
		// what the attempt sends (a webhook's traceparent header) names the attempt's
		// span
		assertThat(seenBySession).containsExactly("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-01");
	}

	private static Webhooks webhooks(Duration lease) {
		return new Webhooks(db, new DeliveryProperties(lease, Duration.ofMillis(250), Duration.ofSeconds(60)),
				WebhookProperties.defaults());
	}

	private static Selection only(UUID delivery) {
		return Selection.due(1).withCondition("d.delivery_id = '" + delivery + "'");
	}

	private static Outcome delivered(UUID delivery) {
		return new Outcome(delivery, "DELIVERED", true, null, 204, null);
	}

	private static List<UUID> lanesOf(Claim<DueDelivery> claim, long company) {
		return claim.items()
			.stream()
			.filter(d -> d.companyId() == company)
			.map(DueDelivery::webhookId)
			.distinct()
			.toList();
	}

	private static Map<String, Object> row(UUID delivery) {
		return db.sql("select status, attempts, claim_token from webhook_deliveries where delivery_id = :id")
			.param("id", delivery)
			.query()
			.singleRow();
	}

}
