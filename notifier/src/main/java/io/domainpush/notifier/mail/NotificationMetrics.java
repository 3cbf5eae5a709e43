package io.domainpush.notifier.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch now that an SMTP outage no longer shows as consumer lag:
 * notifications waiting to be sent, and how long the oldest has waited. Read from the
 * database at each scrape (every notifier reports the same, platform-wide values).
 */
@Component
class NotificationMetrics {

	NotificationMetrics(JdbcClient jdbc, MeterRegistry registry) {
		Gauge.builder("push.notifications.pending", jdbc,
				j -> j.sql("select count(*) from notifications where status = 'PENDING'").query(Long.class).single())
			.description("Notifications not yet sent (first attempt due, or retrying after a transient failure)")
			.register(registry);
		Gauge.builder("push.notifications.pending.oldest.age", jdbc, j -> j
			.sql("""
					select coalesce(extract(epoch from now() - min(queued_at)), 0) from notifications where status = 'PENDING'""")
			.query(Double.class)
			.single())
			.description("Seconds since the oldest PENDING notification was queued")
			.baseUnit("seconds")
			.register(registry);
	}

}
