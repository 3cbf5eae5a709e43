package io.domainpush.core.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

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

	@BeforeEach
	void relay() {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		jdbc = JdbcClient.create(dataSource);
		kafka = new ScriptedTemplate();
		relay = new OutboxRelay(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), kafka,
				new OutboxSignal(),
				new OutboxProperties(List.of("t"), 10, Duration.ofMillis(50), Duration.ofSeconds(5)));
	}

	@AfterEach
	void stop() {
		relay.stop();
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
				new OutboxProperties(List.of(), 10, Duration.ofMillis(50), Duration.ofSeconds(5)));
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

		ScriptedTemplate() {
			super(new DefaultKafkaProducerFactory<>(Map.of()));
		}

		@Override
		public CompletableFuture<SendResult<String, String>> send(String topic, String key, String data) {
			if (failures.getAndDecrement() > 0) {
				errorsThrown.incrementAndGet();
				throw new NoClassDefFoundError("simulated: a class could not be loaded");
			}
			sent.add(data);
			return CompletableFuture.completedFuture(new SendResult<>(null, null));
		}

		@Override
		public void flush() {
		}

	}

}
