package io.domainpush.notifier.mail;

import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code domain-push.events}. A transient SMTP failure is thrown back to the container so the
 * error handler retries it with back-off; the offset is committed only once the outcome is recorded.
 */
@Component
class PushEventListener {

	private final NotificationService notifications;

	private final MeterRegistry registry;

	PushEventListener(NotificationService notifications, MeterRegistry registry) {
		this.notifications = notifications;
		this.registry = registry;
	}

	@KafkaListener(id = "push-events", topics = Topics.EVENTS, groupId = Topics.NOTIFIER_GROUP,
			concurrency = "${push.notifier.concurrency:2}")
	void onEvent(PushEvent event) {
		if (event instanceof PushCompleted completed) {
			NotificationService.Delivery delivery = notifications.deliver(completed);
			Counter.builder("push.emails")
				.description("Notification emails by outcome")
				.tag("status", delivery.name())
				.register(registry)
				.increment();
			if (delivery == NotificationService.Delivery.RETRY) {
				throw new SmtpTemporarilyUnavailableException(completed.pushId());
			}
		}
		else if (!(event instanceof PushRejected)) {
			// a rejected push moved nothing and is not announced (R9 is about pushed domains)
			throw new UnsupportedEventException("unexpected " + event.type() + " on " + Topics.EVENTS);
		}
	}

	static class SmtpTemporarilyUnavailableException extends RuntimeException {

		SmtpTemporarilyUnavailableException(java.util.UUID pushId) {
			super("SMTP temporarily unavailable for the notification of push " + pushId);
		}

	}

}
