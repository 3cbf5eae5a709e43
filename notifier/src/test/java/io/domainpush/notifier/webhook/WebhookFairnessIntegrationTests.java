package io.domainpush.notifier.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.domainpush.core.testing.TestPostgres;
import io.domainpush.core.webhook.WebhookDelivery;
import io.domainpush.core.webhook.WebhookSecrets;
import io.domainpush.notifier.NotifierApplication;
import io.domainpush.notifier.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two notifiers dispatching webhooks from one database while one company's endpoints
 * misbehave: company A's eight endpoints answer the headers of a large body and then fall
 * silent, enough deliveries to hold every delivery thread of both notifiers. Every
 * attempt has a total deadline and a company never takes every delivery thread, so
 * company B's delivery arrives within the deadline plus a few seconds; and a claim is
 * never attempted after its lease, so no {@code webhook-id} is ever in flight from both
 * notifiers at once.
 */
@SpringBootTest(classes = NotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { WebhookFairnessIntegrationTests.SECRET_KEY_SETTING,
				"spring.config.name=" + NotifierApplication.CONFIG_NAME, "push.kafka.partitions=2",
				"push.webhooks.allow-private-networks=true", "push.webhooks.delivery-deadline=2s",
				"push.webhooks.initial-back-off=1s", "push.delivery.claim-lease=8s", "push.notifier.send-deadline=1s",
				"push.webhooks.poll-interval=200ms" })
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WebhookFairnessIntegrationTests {

	static final String SECRET_KEY_SETTING = "push.webhooks.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	private static final TestEndpoints ENDPOINTS = started();

	private static String databaseUrl;

	private static ConfigurableApplicationContext secondNotifier;

	@Autowired
	private JdbcClient db;

	@Autowired
	private WebhookSecrets secrets;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		databaseUrl = TestPostgres.register(registry);
	}

	@AfterAll
	static void stop() throws IOException {
		if (secondNotifier != null) {
			secondNotifier.close();
		}
		ENDPOINTS.close();
	}

	@Test
	void shouldDeliverToOneCompanyWhileAnothersEndpointsStallAndNeverSendOneWebhookIdFromTwoNotifiers() {
		startSecondNotifier();
		Fixtures fixtures = new Fixtures(db);
		long stalling = fixtures.company("Stalling");
		long healthy = fixtures.company("Healthy");
		List<UUID> stalled = new ArrayList<>();
		List<UUID> endpoints = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			endpoints.add(webhook(stalling, ENDPOINTS.url("/stall/" + i)));
		}
		// ten deliveries per stalling endpoint, all due before the healthy one: enough to
		// fill every delivery thread of both notifiers (8 each) with stalled requests
		for (int j = 0; j < 10; j++) {
			for (UUID endpoint : endpoints) {
				stalled.add(delivery(endpoint, "now() - interval '" + (20 - j) + " seconds'"));
			}
		}
		UUID healthyDelivery = delivery(webhook(healthy, ENDPOINTS.url("/ok")), "now()");
		String healthyId = WebhookDelivery.messageId(healthyDelivery);

		// the deadline (2 s) plus a few seconds
		await().atMost(Duration.ofSeconds(7)).until(() -> ENDPOINTS.receivedCopies(healthyId) >= 1);
		// holds while the stalled deliveries' first leases (8 s) run out
		await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
			assertThat(ENDPOINTS.receivedCopies(healthyId)).isEqualTo(1);
			assertThat(stalled)
				.allSatisfy(id -> assertThat(ENDPOINTS.mostOpenAtOnce(WebhookDelivery.messageId(id))).as(id.toString())
					.isLessThanOrEqualTo(1));
		});
	}

	private void startSecondNotifier() {
		secondNotifier = new SpringApplicationBuilder(NotifierApplication.class).web(WebApplicationType.NONE)
			.properties("spring.config.name=" + NotifierApplication.CONFIG_NAME, SECRET_KEY_SETTING,
					"spring.datasource.url=" + databaseUrl, "spring.datasource.username=postgres",
					"spring.datasource.password=", "spring.kafka.bootstrap-servers=" + bootstrapServers,
					"push.kafka.partitions=2", "push.webhooks.allow-private-networks=true",
					"push.webhooks.delivery-deadline=2s", "push.webhooks.initial-back-off=1s",
					"push.delivery.claim-lease=8s", "push.notifier.send-deadline=1s",
					"push.webhooks.poll-interval=200ms", "spring.flyway.enabled=false",
					"management.metrics.enable.all=true")
			.run();
	}

	private UUID webhook(long companyId, String url) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into webhooks (webhook_id, company_id, url, events, secret, status)
				values (:id, :company, :url, array['push.completed'], :secret, 'ENABLED')""")
			.param("id", id)
			.param("company", companyId)
			.param("url", url)
			.param("secret", secrets.seal(WebhookSecrets.generate()))
			.update();
		return id;
	}

	private UUID delivery(UUID webhookId, String due) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload,
				                                status, next_attempt_at)
				select :id, webhook_id, company_id, 'push.completed', :subject, '{"type":"push.completed"}', 'PENDING', %s
				  from webhooks where webhook_id = :webhook"""
			.formatted(due)).param("id", id).param("webhook", webhookId).param("subject", UUID.randomUUID()).update();
		return id;
	}

	private static TestEndpoints started() {
		try {
			return new TestEndpoints();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
