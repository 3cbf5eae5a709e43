package io.domainpush.core.config;

import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.kafka.PushKafkaProperties;
import io.domainpush.core.kafka.RetryProperties;

import java.util.List;

import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.events.Topics;
import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.loop.BackgroundLoopsHealthIndicator;
import io.domainpush.core.retention.RetentionProperties;
import io.domainpush.core.kafka.KafkaHealthIndicator;
import io.domainpush.core.outbox.OutboxProperties;
import io.domainpush.core.outbox.OutboxRelay;
import io.domainpush.core.outbox.OutboxSignal;
import io.domainpush.core.rules.BillingCycle;

import io.domainpush.core.tracing.Traces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.core.instrument.MeterRegistry;

import io.domainpush.core.webhook.HostResolver;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every service gets from push-core: topics, the outbox and its relay, billing
 * rules.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = { "io.domainpush.core.outbox", "io.domainpush.core.rules", "io.domainpush.core.push",
		"io.domainpush.core.notification", "io.domainpush.core.invitation", "io.domainpush.core.webhook" })
@EnableConfigurationProperties({ PushKafkaProperties.class, BillingProperties.class, OutboxProperties.class,
		RetryProperties.class, CrashPoints.class, WebhookProperties.class, DeliveryProperties.class,
		RetentionProperties.class })
public class CoreConfiguration {

	@Bean
	WebhookSecrets webhookSecrets(WebhookProperties properties) {
		return new WebhookSecrets(properties.secretKey());
	}

	@Bean
	HostResolver hostResolver() {
		return HostResolver.system();
	}

	@Bean
	KafkaAdmin.NewTopics pushTopics(PushKafkaProperties kafka) {
		return new KafkaAdmin.NewTopics(topic(Topics.REQUESTS, kafka), topic(Topics.EVENTS, kafka),
				topic(Topics.REQUESTS_DLT, kafka), topic(Topics.EVENTS_DLT, kafka));
	}

	private static org.apache.kafka.clients.admin.NewTopic topic(String name, PushKafkaProperties kafka) {
		return TopicBuilder.name(name)
			.partitions(kafka.partitions())
			.replicas(kafka.replicas())
			.config(org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
					String.valueOf(kafka.minInsyncReplicas()))
			.build();
	}

	/** Readiness includes the broker (see management.endpoint.health.group.readiness). */
	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
		java.util.Map<String, Object> admin = kafka.buildAdminProperties();
		admin.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
		admin.put(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
		return new KafkaHealthIndicator(admin);
	}

	/**
	 * Readiness includes every background loop of the service (see
	 * management.endpoint.health.group.readiness).
	 */
	@Bean
	BackgroundLoopsHealthIndicator backgroundLoopsHealthIndicator(List<BackgroundLoop> loops) {
		return new BackgroundLoopsHealthIndicator(loops);
	}

	/** Tracing where the service has a tracer (Micrometer Tracing over OpenTelemetry). */
	@Bean
	Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	@Bean
	BillingCycle billingCycle(BillingProperties billing) {
		return new BillingCycle(billing.zone());
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
			OutboxSignal signal, OutboxProperties properties, MeterRegistry registry, Traces traces) {
		if (!properties.topics().isEmpty()) {
			Gauge
				.builder("push.outbox.backlog", jdbc,
						j -> j.sql("select count(*) from outbox where topic in (:t)")
							.param("t", properties.topics())
							.query(Long.class)
							.single())
				.description("Outbox rows not yet acknowledged by the broker")
				.register(registry);
			Gauge.builder("push.outbox.oldest.age", jdbc, j -> j.sql("""
					select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox where topic in (:t)""")
				.param("t", properties.topics())
				.query(Double.class)
				.single())
				.description("Age in seconds of the oldest unpublished outbox row")
				.baseUnit("seconds")
				.register(registry);
		}
		return new OutboxRelay(jdbc, transaction, kafka, signal, properties, traces);
	}

}
