package io.domainpush.api;

import io.domainpush.core.config.CoreConfiguration;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.retention.RetentionProperties;
import io.domainpush.core.retention.RetentionSweep;
import io.domainpush.core.webhook.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What push-api takes from push-core. Apart from the application class, so that web
 * slices ({@code @WebMvcTest}) start without the database and the broker.
 */
@Configuration(proxyBeanMethods = false)
@Import(CoreConfiguration.class)
class PushApiConfiguration {

	/** Only push-api purges what is past its retention: one purge for the platform. */
	@Bean
	RetentionSweep retentionSweep(Notifications notifications, Digests digests, Webhooks webhooks, JdbcClient jdbc,
			RetentionProperties retention, MeterRegistry registry) {
		return new RetentionSweep(notifications, digests, webhooks, jdbc, retention, registry);
	}

}
