package io.domainpush.notifier.mail;

import io.domainpush.core.notification.Notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What operators watch because an SMTP outage does not show as consumer lag:
 * notifications waiting to be sent, and how long the oldest has waited. Read from the
 * database at each scrape (every notifier reports the same, platform-wide values).
 */
@Component
class NotificationMetrics {

	NotificationMetrics(Notifications notifications, MeterRegistry registry) {
		Gauge.builder("push.notifications.pending", notifications, n -> n.queue().waiting().count())
			.description("Notifications not yet sent (first attempt due, or retrying after a transient failure)")
			.register(registry);
		Gauge
			.builder("push.notifications.pending.oldest.age", notifications,
					n -> n.queue().waiting().oldestAgeSeconds())
			.description("Seconds since the oldest PENDING notification was queued")
			.baseUnit("seconds")
			.register(registry);
	}

}
