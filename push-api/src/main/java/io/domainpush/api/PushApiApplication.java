package io.domainpush.api;

import io.domainpush.core.config.CoreConfiguration;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.retention.RetentionProperties;
import io.domainpush.core.retention.RetentionSweep;
import io.domainpush.core.webhook.Webhooks;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * push-api: the HTTP front door. Stores what it accepts, then publishes it through the
 * outbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(CoreConfiguration.class)
public class PushApiApplication {

	/**
	 * The config files this service reads, so the three services can share one classpath
	 * in local mode.
	 */
	public static final String CONFIG_NAME = "push-common,push-api";

	/** Only push-api purges what is past its retention: one purge for the platform. */
	@Bean
	RetentionSweep retentionSweep(Notifications notifications, Digests digests, Webhooks webhooks, JdbcClient jdbc,
			RetentionProperties retention, MeterRegistry registry) {
		return new RetentionSweep(notifications, digests, webhooks, jdbc, retention, registry);
	}

	public static void main(String[] args) {
		run(args);
	}

	public static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(PushApiApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
