package io.domainpush.notifier.mail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.notifier.NotifierApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier against a real broker, a real PostgreSQL and a real (scripted) SMTP server: transient
 * replies are retried, permanent ones recorded as FAILED with the server's reply, and a push is never
 * mailed twice.
 */
@SpringBootTest(classes = NotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, "push.kafka.partitions=2",
				"push.kafka.retry.initial-back-off=50ms", "push.kafka.retry.max-back-off=200ms",
				"push.notifier.max-attempts=4" })
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class NotifierIntegrationTests {

	private static final ScriptedSmtpServer SMTP = start();

	private static final AtomicLong IDS = new AtomicLong(5000);

	@Autowired
	private JdbcClient db;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
		registry.add("spring.mail.port", SMTP::port);
	}

	@AfterAll
	static void stop() throws IOException {
		SMTP.close();
	}

	@Test
	void shouldSendOneEmailWithStableMessageIdEvenWhenEventArrivesTwice() {
		PushCompleted event = completedPush("noc@first.example");
		publish(event);
		publish(event);
		awaitStatus(event.pushId(), "SENT");
		String messageId = "<" + event.pushId() + "@domain-push>";
		await().atMost(Duration.ofSeconds(10)).until(() -> countSince(messageId) >= 1);
		assertThat(countSince(messageId)).isEqualTo(1);
		String message = SMTP.accepted().stream().filter(m -> m.contains(messageId)).findFirst().orElseThrow();
		assertThat(message).contains("To: noc@first.example", "Subject: Domain " + event.domain());
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
	void shouldGiveUpAfterMaxAttemptsOfTransientFailures() {
		SMTP.script("451 a", "451 b", "451 c", "451 d");
		PushCompleted event = completedPush("noc@flaky.example");
		publish(event);
		awaitStatus(event.pushId(), "FAILED");
		assertThat(attempts(event.pushId())).isEqualTo(4);
		assertThat(notification(event.pushId()).get("last_error").toString()).contains("451");
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
		long losing = IDS.incrementAndGet();
		long gaining = IDS.incrementAndGet();
		String domain = "n" + losing + ".example";
		UUID pushId = UUID.randomUUID();
		db.sql("insert into companies (company_id, name, cluster) values (:l, 'Losing', 'a'), (:g, 'Gaining', 'a')")
			.param("l", losing)
			.param("g", gaining)
			.update();
		long domainId = db.sql("insert into domains (name, company_id) values (:n, :g) returning domain_id")
			.param("n", domain)
			.param("g", gaining)
			.query(Long.class)
			.single();
		db.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status, submitted_at)
				values (:id, :d, :n, :l, :g, 'COMPLETED', now())""")
			.param("id", pushId)
			.param("d", domainId)
			.param("n", domain)
			.param("l", losing)
			.param("g", gaining)
			.update();
		db.sql("insert into notifications (push_id, status, recipient, message_id) values (:id, :s, :to, :mid)")
			.param("id", pushId)
			.param("s", email == null ? "SKIPPED" : "PENDING")
			.param("to", email)
			.param("mid", "<" + pushId + "@domain-push>")
			.update();
		return PushCompleted.of(pushId, domain, losing, "Losing", gaining, "Gaining", 2, Instant.now(), Instant.now(),
				LocalDate.now().withDayOfMonth(1).plusMonths(1), email);
	}

	private void publish(PushCompleted event) {
		kafka.send(Topics.EVENTS, event.domain(), EventCodec.encode(event)).join();
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

	private static long countSince(String messageId) {
		return SMTP.accepted().stream().filter(m -> m.contains("Message-ID: " + messageId)).count();
	}

	private static ScriptedSmtpServer start() {
		try {
			return new ScriptedSmtpServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
