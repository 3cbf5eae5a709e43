package io.domainpush.core.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.testing.RecordingTraces;
import io.domainpush.core.tracing.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import io.domainpush.core.loop.BackgroundLoopsHealthIndicator;
import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against a real PostgreSQL, with a broker stand-in that can fail the way a JVM
 * can.
 */
class OutboxRelayTests {

	private JdbcClient jdbc;

	private ScriptedTemplate kafka;

	private OutboxRelay relay;

	private TransactionTemplate transaction;

	@BeforeEach
	void relay() {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		jdbc = JdbcClient.create(dataSource);
		kafka = new ScriptedTemplate();
		transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		relay = new OutboxRelay(jdbc, transaction, kafka, new OutboxSignal(),
				new OutboxProperties(List.of("t"), 10, Duration.ofMillis(50), Duration.ofSeconds(5)), Traces.none());
	}

	@AfterEach
	void stop() {
		relay.stop();
	}

	@Test
	void shouldPublishEachRowInTheTraceOfTheRequestThatWroteIt() {
		RecordingTraces tracing = new RecordingTraces();
		OutboxWriter writer = new OutboxWriter(jdbc, new OutboxSignal(), CrashPoints.none(), tracing.traces());
		Span request = tracing.request();
		try (Tracer.SpanInScope scope = tracing.inScope(request)) {
			writer.appendAll("t", List.of(requested("a.example"), requested("b.example")));
		}
		request.end();
		writer.append("t", requested("outside.example"));
		OutboxRelay traced = new OutboxRelay(jdbc, transaction, kafka, new OutboxSignal(),
				new OutboxProperties(List.of("t"), 10, Duration.ofMillis(50), Duration.ofSeconds(5)), tracing.traces());

		assertThat(traced.publishBatch()).isEqualTo(3);

		List<SpanData> published = tracing.ended()
			.stream()
			.filter((span) -> span.getName().equals("publish t"))
			.toList();
		assertThat(published).hasSize(3);
		for (int i = 0; i < 3; i++) {
			SpanData span = published.get(i);
			assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
			// the record carries the producer span, whose consumer continues the trace
			assertThat(traceParentOf(kafka.records.get(i)))
				.isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
		}
		// the request's rows continue its trace, from its span; the other starts its own
		String requestTrace = request.context().traceId();
		assertThat(published.subList(0, 2)).allSatisfy((span) -> {
			assertThat(span.getTraceId()).isEqualTo(requestTrace);
			assertThat(span.getParentSpanId()).isEqualTo(request.context().spanId());
		});
		assertThat(published.get(2).getTraceId()).isNotEqualTo(requestTrace);
		assertThat(published.get(2).getParentSpanContext().isValid()).isFalse();
	}

	@Test
	void shouldPublishRowsWithoutATraceWhenTracingIsOff() {
		new OutboxWriter(jdbc, new OutboxSignal(), CrashPoints.none(), Traces.none()).append("t",
				requested("a.example"));

		assertThat(relay.publishBatch()).isEqualTo(1);

		assertThat(kafka.records.get(0).headers().lastHeader(Traces.TRACEPARENT)).isNull();
	}

	private static PushRequested requested(String domain) {
		return PushRequested.of(UUID.randomUUID(), domain, 1001, 1002, Instant.now());
	}

	private static String traceParentOf(ProducerRecord<String, String> record) {
		return new String(record.headers().lastHeader(Traces.TRACEPARENT).value(), StandardCharsets.US_ASCII);
	}

	@Test
	void shouldKeepRelayingAfterAnErrorThatIsNotAnException() {
		kafka.failures.set(1);
		relay.start();
		appendRow("first");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(kafka.sent).containsExactly("first");
			assertThat(backlog()).isZero();
		});
		assertThat(kafka.errorsThrown.get()).isEqualTo(1);
		appendRow("second");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.sent).contains("second"));
		assertThat(health()).isEqualTo(Status.UP);
	}

	@Test
	void shouldReportDownWhenTheRelayLoopIsNotRunning() {
		assertThat(health()).isEqualTo(Status.DOWN);
		relay.start();
		assertThat(health()).isEqualTo(Status.UP);
		relay.stop();
		assertThat(health()).isEqualTo(Status.DOWN);
	}

	@Test
	void shouldReportUpWhereNoTopicIsRelayed() {
		OutboxRelay idle = new OutboxRelay(jdbc, null, kafka, new OutboxSignal(),
				new OutboxProperties(List.of(), 10, Duration.ofMillis(50), Duration.ofSeconds(5)), Traces.none());
		assertThat(new BackgroundLoopsHealthIndicator(List.of(idle)).health(false).getStatus()).isEqualTo(Status.UP);
	}

	private Status health() {
		return new BackgroundLoopsHealthIndicator(List.of(relay)).health(false).getStatus();
	}

	private void appendRow(String payload) {
		jdbc.sql("insert into outbox (topic, record_key, payload) values ('t', 'k', :p)").param("p", payload).update();
	}

	private long backlog() {
		return jdbc.sql("select count(*) from outbox").query(Long.class).single();
	}

	/**
	 * Accepts every send, except that the first {@code failures} sends throw an Error.
	 */
	private static final class ScriptedTemplate extends KafkaTemplate<String, String> {

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger errorsThrown = new AtomicInteger();

		final List<String> sent = new CopyOnWriteArrayList<>();

		final List<ProducerRecord<String, String>> records = new CopyOnWriteArrayList<>();

		ScriptedTemplate() {
			super(new DefaultKafkaProducerFactory<>(Map.of()));
		}

		@Override
		public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
			if (failures.getAndDecrement() > 0) {
				errorsThrown.incrementAndGet();
				throw new NoClassDefFoundError("simulated: a class could not be loaded");
			}
			sent.add(record.value());
			records.add(record);
			return CompletableFuture.completedFuture(new SendResult<>(null, null));
		}

		@Override
		public void flush() {
		}

	}

}
