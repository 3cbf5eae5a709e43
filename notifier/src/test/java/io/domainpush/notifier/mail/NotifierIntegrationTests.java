package io.domainpush.notifier.mail;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.notifier.NotifierApplication;
import io.domainpush.notifier.testing.Fixtures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier against a real broker, a real PostgreSQL and a real (scripted) SMTP
 * server: transient failures are retried until the retry window has passed, permanent
 * ones recorded as FAILED with the server's reply, a push is never mailed twice, no row
 * is locked while the SMTP server is talked to, and nothing one record does holds up the
 * records behind it.
 */
@SpringBootTest(classes = NotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, "push.kafka.partitions=2",
				"push.kafka.retry.initial-back-off=50ms", "push.kafka.retry.max-back-off=200ms",
				"push.notifier.retry.initial-back-off=50ms", "push.notifier.retry.max-back-off=200ms",
				"push.notifier.retry.poll-interval=100ms", "push.notifier.retry.window=1h",
				"push.notifier.retry.orphan-age=30s", "spring.mail.properties.mail.smtp.connectiontimeout=2000",
				// offsets are committed only when something makes the notifier commit
				// them:
				// what the group has committed is what a crash would resume from
				"spring.kafka.listener.ack-time=10m", "spring.kafka.listener.ack-count=100000" })
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class NotifierIntegrationTests {

	private static final ScriptedSmtpServer SMTP = ScriptedSmtpServer.started();

	private static String databaseUrl;

	@Autowired
	private JdbcClient db;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		databaseUrl = TestPostgres.register(registry);
		registry.add("spring.mail.port", SMTP::port);
	}

	@AfterAll
	static void stop() throws IOException {
		SMTP.close();
	}

	@Test
	void shouldPlanEveryStatementForItsValuesWithoutParallelWorkersAsEveryServiceDoes() {
		assertThat(db.sql("show plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
		assertThat(db.sql("show max_parallel_workers_per_gather").query(String.class).single()).isEqualTo("0");
	}

	@Test
	void shouldSendOneEmailWithStableMessageIdEvenWhenEventArrivesTwice() {
		PushCompleted event = completedPush("noc@first.example");
		publish(event);
		publish(event);
		assertThat(theOneEmailOf(event)).contains("To: noc@first.example", "Subject: Domain " + event.domain());
		assertThat(attempts(event.pushId())).isEqualTo(1);
	}

	@Test
	void shouldRetryTransientRepliesThenSend() {
		SMTP.script("451 4.3.0 try again later", "421 4.7.0 busy");
		PushCompleted event = completedPush("noc@retry.example");
		publish(event);
		awaitStatus(event.pushId(), "SENT");
		assertThat(attempts(event.pushId())).isEqualTo(3);
		assertThat(SMTP.attempts().stream().filter(r -> r.contains("noc@retry.example")).count()).isEqualTo(3);
	}

	@Test
	void shouldRecordPermanentFailureWithServersReplyAndNotRetry() {
		SMTP.script("550 5.1.1 mailbox unavailable");
		PushCompleted event = completedPush("gone@failed.example");
		publish(event);
		awaitStatus(event.pushId(), "FAILED");
		Map<String, Object> row = notification(event.pushId());
		assertThat(row.get("last_error").toString()).contains("550").contains("mailbox unavailable");
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(SMTP.attempts().stream().filter(r -> r.contains("gone@failed.example")).count()).isEqualTo(1);
	}

	@Test
	void shouldNotSendAgainWhatTheServerAcceptedWhenClosingTheConnectionFails() {
		SMTP.resetOnQuit(1);
		List<PushCompleted> events = List.of(completedPush("noc@quit1.example"), completedPush("noc@quit2.example"),
				completedPush("noc@quit3.example"));
		// one poll, one SMTP connection, whose QUIT gets a reset instead of 221
		whileListenerStopped(() -> events.forEach(this::publish));
		for (PushCompleted event : events) {
			awaitStatus(event.pushId(), "SENT");
		}
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			for (PushCompleted event : events) {
				assertThat(acceptedCopies("<" + event.pushId() + "@domain-push>")).isEqualTo(1);
				assertThat(attempts(event.pushId())).isEqualTo(1);
			}
		});
	}

	@Test
	void shouldKeepANotificationPendingThroughAnOutageLongerThanAnyAttemptLimitAndSendItAfterwards()
			throws IOException {
		PushCompleted event = completedPush("noc@outage.example");
		SMTP.down();
		try {
			publish(event);
			// many attempts: an outage is bounded by the retry window, never by a count
			await().atMost(Duration.ofSeconds(30)).until(() -> attempts(event.pushId()) >= 15);
			assertThat(notification(event.pushId())).containsEntry("status", "PENDING");
			assertThat(notification(event.pushId()).get("last_error").toString()).contains("Connect");
		}
		finally {
			SMTP.up();
		}
		awaitStatus(event.pushId(), "SENT");
		assertThat(acceptedCopies("<" + event.pushId() + "@domain-push>")).isEqualTo(1);
	}

	@Test
	void shouldFailATransientlyFailingNotificationOnceItsRetryWindowHasPassed() {
		SMTP.alwaysReply("noc@window.example", "451 4.3.0 greylisted");
		PushCompleted event = completedPush("noc@window.example");
		// queued almost an hour ago: the retry window (1 h here) ends within a second
		db.sql("update notifications set queued_at = now() - interval '1 hour' + interval '800 milliseconds' where push_id = :id")
			.param("id", event.pushId())
			.update();
		publish(event);
		awaitStatus(event.pushId(), "FAILED");
		assertThat(notification(event.pushId()).get("last_error").toString()).contains("451")
			.contains("gave up after retrying for PT1H");
		assertThat(attempts(event.pushId())).isGreaterThanOrEqualTo(2);
	}

	@Test
	void shouldSendANotificationWhoseEventNeverArrives() {
		PushCompleted event = completedPush("noc@orphan.example");
		// no event is published: once the row is older than the orphan age the notifier
		// finds it by itself
		db.sql("update notifications set created_at = now() - interval '31 seconds' where push_id = :id")
			.param("id", event.pushId())
			.update();
		awaitStatus(event.pushId(), "SENT");
		assertThat(acceptedCopies("<" + event.pushId() + "@domain-push>")).isEqualTo(1);
	}

	@Test
	void shouldAttemptAgainANotificationWhoseSenderDiedBeforeRecordingTheOutcome() {
		PushCompleted event = completedPush("noc@abandoned.example");
		// what a notifier that crashed between claiming and recording leaves behind: an
		// expired claim
		db.sql("update notifications set attempts = 1, next_attempt_at = now() - interval '1 second' where push_id = :id")
			.param("id", event.pushId())
			.update();
		awaitStatus(event.pushId(), "SENT");
		assertThat(attempts(event.pushId())).isEqualTo(2);
		assertThat(acceptedCopies("<" + event.pushId() + "@domain-push>")).isEqualTo(1);
	}

	@Test
	void shouldHoldNoRowLockWhileTalkingToTheSmtpServer() throws Exception {
		PushCompleted event = completedPush("noc@slow.example");
		CountDownLatch release = SMTP.hold("noc@slow.example");
		try {
			publish(event);
			await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.attempts().contains("<noc@slow.example>"));
			// the SMTP server has not answered yet: the notification row must be free to
			// lock at once
			try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "")) {
				connection.setAutoCommit(false);
				try (PreparedStatement lock = connection
					.prepareStatement("select status from notifications where push_id = ? for update nowait")) {
					lock.setObject(1, event.pushId());
					assertThat(lock.executeQuery().next()).isTrue();
				}
				connection.rollback();
			}
			assertThat(idleInTransaction()).isZero();
		}
		finally {
			release.countDown();
		}
		awaitStatus(event.pushId(), "SENT");
	}

	@Test
	void shouldQueueTheNotificationFromTheEventWhenThePushHasNoneAndSendItOnce() {
		PushCompleted event = completedPush("noc@from-event.example");
		db.sql("delete from notifications where push_id = :id").param("id", event.pushId()).update();
		publish(event);
		publish(event);
		assertThat(theOneEmailOf(event)).contains("To: noc@from-event.example");
		assertThat(deadLetters(event.domain())).isEmpty();
	}

	@Test
	void shouldDeadLetterAnEventOfAnUnknownPushAndNotifyTheNextOne() {
		PushCompleted valid = completedPush("noc@after-unknown.example");
		PushCompleted unknown = PushCompleted.of(UUID.randomUUID(), valid.domain(), 1, "Nobody", 2, "Nobody", 1,
				Instant.now(), Instant.now(), LocalDate.now(), "noc@unknown.example", null);
		whileListenerStopped(() -> {
			publish(unknown);
			publish(valid);
		});
		awaitStatus(valid.pushId(), "SENT");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetters(valid.domain())).hasSize(1));
		assertThat(deadLetters(valid.domain()).get(0)).contains(unknown.pushId().toString());
	}

	@Test
	void shouldFailANotificationThatCannotBeRenderedAndNotifyTheNextOne() {
		PushCompleted broken = completedPush("noc@unrenderable.example");
		// the push row lacks what the email states (completion time): rendering fails for
		// this one only
		db.sql("update pushes set completed_at = null where push_id = :id").param("id", broken.pushId()).update();
		PushCompleted valid = completedPush("noc@after-unrenderable.example", broken.domain());
		whileListenerStopped(() -> {
			publish(broken);
			publish(valid);
		});
		awaitStatus(valid.pushId(), "SENT");
		awaitStatus(broken.pushId(), "FAILED");
		assertThat(notification(broken.pushId()).get("last_error").toString()).contains("could not be rendered");
	}

	@Test
	void shouldDeadLetterAPoisonRecordOnceEvenWhenItsPollMeetsATransientSmtpFailure() {
		PushCompleted event = completedPush("noc@poison-neighbour.example");
		SMTP.script("451 4.3.0 not now");
		whileListenerStopped(() -> {
			kafka.send(Topics.EVENTS, event.domain(), "{\"type\":\"PushCompleted\",\"version\":1,\"push_id\":").join();
			publish(event);
		});
		awaitStatus(event.pushId(), "SENT");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deadLetters(event.domain())).hasSize(1));
	}

	@Test
	void shouldSendADigestWithoutItsAttachmentWhenTheServerRefusesItsSize() {
		Fixtures fixtures = new Fixtures(db);
		// the zipped list of 20,000 domains is larger than the server takes; the digest
		// without it (the first 100 in its body) is not
		UUID batch = fixtures.finishedBatchWithDigest("noc@small-mailbox.example", 20_000);
		SMTP.limitSize(100_000);
		try {
			kafka.send(Topics.EVENTS, batch.toString(), EventCodec.encode(fixtures.batchFinished(batch))).join();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "SENT".equals(db.sql("select status from notification_digests where batch_id = :b")
					.param("b", batch)
					.query(String.class)
					.single()));
		}
		finally {
			SMTP.limitSize(0);
		}
		String digest = SMTP.accepted()
			.stream()
			.filter(m -> m.contains("To: noc@small-mailbox.example"))
			.findFirst()
			.orElseThrow();
		assertThat(digest).doesNotContain("Content-Disposition: attachment")
			.contains("/api/v1/pushes?batch_id=" + batch);
	}

	@Test
	void shouldCommitAPollsOffsetsAsSoonAsItsDeadLettersArePublished() throws Exception {
		PushCompleted event = completedPush("noc@poison-commit.example");
		long[] poisonOffset = new long[1];
		int[] partition = new int[1];
		whileListenerStopped(() -> {
			var sent = kafka.send(Topics.EVENTS, event.domain(), "{\"type\":\"PushCompleted\",\"version\":9}").join();
			poisonOffset[0] = sent.getRecordMetadata().offset();
			partition[0] = sent.getRecordMetadata().partition();
			publish(event);
		});
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetters(event.domain())).hasSize(1));
		// a notifier that crashed now would read the poll again from the committed offset
		// and dead-letter the poison a second time, unless that offset is past it
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			OffsetAndMetadata committed = admin.listConsumerGroupOffsets(Topics.NOTIFIER_GROUP)
				.partitionsToOffsetAndMetadata()
				.get()
				.get(new TopicPartition(Topics.EVENTS, partition[0]));
			assertThat(committed).isNotNull();
			assertThat(committed.offset()).isGreaterThan(poisonOffset[0]);
		}
	}

	@Test
	void shouldNotSendToAnInvalidStoredAddress() {
		PushCompleted event = completedPush("noc@example.com\r\nBcc: victim@example.com");
		publish(event);
		awaitStatus(event.pushId(), "FAILED");
		assertThat(SMTP.attempts()).noneMatch(r -> r.contains("victim"));
	}

	@Test
	void shouldSkipWhenGainingCompanyHasNoNotificationEmail() {
		PushCompleted event = completedPush(null);
		publish(event);
		awaitStatus(event.pushId(), "SKIPPED");
	}

	private PushCompleted completedPush(String email) {
		return new Fixtures(db).completedPush(email);
	}

	private PushCompleted completedPush(String email, String sameKeyAs) {
		return new Fixtures(db).completedPush(email, sameKeyAs);
	}

	/**
	 * Waits until the push's notification is SENT and the server has been quiet for a
	 * while (a second copy, sent by a later poll, arrives after the first was recorded);
	 * @return the one message the server accepted with its Message-ID (a second copy
	 * fails)
	 */
	private String theOneEmailOf(PushCompleted event) {
		awaitStatus(event.pushId(), "SENT");
		String messageId = "<" + event.pushId() + "@domain-push>";
		SMTP.awaitQuiet(Duration.ofSeconds(1));
		assertThat(acceptedCopies(messageId)).isEqualTo(1);
		return SMTP.accepted().stream().filter(m -> m.contains(messageId)).findFirst().orElseThrow();
	}

	private void publish(PushCompleted event) {
		kafka.send(Topics.EVENTS, event.domain(), EventCodec.encode(event)).join();
	}

	/** Records published while the listener is stopped reach it together, in one poll. */
	private void whileListenerStopped(Runnable publishing) {
		MessageListenerContainer container = listeners.getListenerContainer("push-events");
		container.stop();
		try {
			publishing.run();
		}
		finally {
			container.start();
		}
	}

	private void awaitStatus(UUID pushId, String status) {
		await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(notification(pushId).get("status")));
	}

	private Map<String, Object> notification(UUID pushId) {
		return db.sql("select status, attempts, last_error from notifications where push_id = :id")
			.param("id", pushId)
			.query()
			.singleRow();
	}

	private int attempts(UUID pushId) {
		return (Integer) notification(pushId).get("attempts");
	}

	private long idleInTransaction() {
		return db.sql("""
				select count(*) from pg_stat_activity
				 where datname = current_database() and state = 'idle in transaction' and pid <> pg_backend_pid()""")
			.query(Long.class)
			.single();
	}

	private List<String> deadLetters(String key) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + System.nanoTime());
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.EVENTS_DLT));
			long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						values.add(record.value());
					}
				}
			}
		}
		return values;
	}

	private static long acceptedCopies(String messageId) {
		return SMTP.acceptedCopies(messageId);
	}

}
