package io.domainpush.notifier.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.notifier.NotifierApplication;
import io.domainpush.notifier.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
 * A claim's lease against an SMTP server slower than the lease: a send batch that would
 * outlive its claim stops taking messages before the lease could run out and records what
 * it sent, so no other poll claims and sends an email the server accepted already. The
 * server answers each end of DATA after 400 ms; the lease is 6 s, so one claim of 50
 * emails sent whole would take 20 s, long after another poll may claim the same rows.
 */
@SpringBootTest(classes = NotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, "push.kafka.partitions=2",
				"push.kafka.retry.initial-back-off=50ms", "push.kafka.retry.max-back-off=200ms",
				"push.notifier.retry.initial-back-off=50ms", "push.notifier.retry.max-back-off=200ms",
				"push.notifier.retry.poll-interval=100ms", "push.notifier.retry.window=1h",
				"push.notifier.retry.orphan-age=30s", "push.delivery.claim-lease=6s",
				"push.notifier.send-deadline=1s" })
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DeliveryLeaseIntegrationTests {

	private static final ScriptedSmtpServer SMTP = ScriptedSmtpServer.started();

	@Autowired
	private JdbcClient db;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
		registry.add("spring.mail.port", SMTP::port);
	}

	@AfterEach
	void fastServer() {
		SMTP.delayEndOfData(Duration.ZERO);
	}

	@AfterAll
	static void stop() throws IOException {
		SMTP.close();
	}

	@Test
	void shouldAcceptEveryMessageIdOnceWhenASendBatchWouldOutliveItsLease() {
		Fixtures fixtures = new Fixtures(db);
		List<PushCompleted> events = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			events.add(fixtures.completedPush("noc@lease" + i + ".example"));
		}
		SMTP.delayEndOfData(Duration.ofMillis(400));
		// one poll: the 50 emails are claimed together, as one send batch
		whileListenerStopped(
				() -> events.forEach(event -> kafka.send(Topics.EVENTS, "one-key", EventCodec.encode(event)).join()));

		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(db.sql("""
					select count(*) from notifications where push_id = any(:ids) and status = 'SENT'""")
				.param("ids", events.stream().map(PushCompleted::pushId).toArray(UUID[]::new))
				.query(Long.class)
				.single()).isEqualTo(50));
		// a copy sent by a claim that outlived its lease would arrive after its row was
		// SENT: the count is taken once the server has been quiet for two leases
		SMTP.awaitQuiet(Duration.ofSeconds(7));
		for (PushCompleted event : events) {
			assertThat(SMTP.acceptedCopies("<" + event.pushId() + "@domain-push>")).as(event.pushId().toString())
				.isEqualTo(1);
		}
	}

	@Test
	void shouldAcceptEveryDigestOnceWhenDigestsWouldOutliveTheirLease() {
		Fixtures fixtures = new Fixtures(db);
		List<UUID> batches = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			batches.add(fixtures.finishedBatchWithDigest("noc@digest" + i + ".example"));
		}
		SMTP.delayEndOfData(Duration.ofMillis(800));
		// the batches' ends arrive in one poll: their 10 digests are claimed together
		whileListenerStopped(() -> batches
			.forEach(batch -> kafka.send(Topics.EVENTS, "one-key", EventCodec.encode(fixtures.batchFinished(batch)))
				.join()));

		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(db.sql("""
					select count(*) from notification_digests where batch_id = any(:ids) and status = 'SENT'""")
				.param("ids", batches.toArray(UUID[]::new))
				.query(Long.class)
				.single()).isEqualTo(10));
		SMTP.awaitQuiet(Duration.ofSeconds(7));
		for (UUID batch : batches) {
			String messageId = db.sql("select message_id from notification_digests where batch_id = :b")
				.param("b", batch)
				.query(String.class)
				.single();
			assertThat(SMTP.acceptedCopies(messageId)).as(messageId).isEqualTo(1);
		}
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

}
