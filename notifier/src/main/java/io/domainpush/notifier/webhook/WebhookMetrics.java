package io.domainpush.notifier.webhook;

import io.domainpush.core.webhook.Webhooks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Webhook deliveries waiting, and how long the oldest has waited: a dead endpoint shows
 * here, not as consumer lag. Read from the database at each scrape (every notifier
 * reports the same, platform-wide values).
 */
@Component
class WebhookMetrics {

	WebhookMetrics(Webhooks webhooks, MeterRegistry registry) {
		Gauge.builder("push.webhooks.pending", webhooks, w -> w.queue().waiting().count())
			.description("Webhook deliveries not yet made (first attempt due, or retrying)")
			.register(registry);
		Gauge.builder("push.webhooks.pending.oldest.age", webhooks, w -> w.queue().waiting().oldestAgeSeconds())
			.description("Seconds since the event of the oldest PENDING webhook delivery")
			.baseUnit("seconds")
			.register(registry);
	}

}
