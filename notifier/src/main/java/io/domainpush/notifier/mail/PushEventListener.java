package io.domainpush.notifier.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.config.ConsumerErrorHandling;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code domain-push.events} in batches: the notifications of a poll go out over one SMTP
 * connection. A transient SMTP failure is thrown back to the container after its attempt was recorded,
 * so the error handler retries the batch with back-off (what was sent is then skipped); the offsets
 * are committed only once every outcome is recorded. Undecodable records go to the dead-letter topic.
 */
@Component
class PushEventListener {


	private final NotificationService notifications;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final MeterRegistry registry;

	PushEventListener(NotificationService notifications, DeadLetterPublishingRecoverer deadLetters,
			MeterRegistry registry) {
		this.notifications = notifications;
		this.deadLetters = deadLetters;
		this.registry = registry;
	}

	@KafkaListener(id = "push-events", topics = Topics.EVENTS, groupId = Topics.NOTIFIER_GROUP,
			concurrency = "${push.notifier.concurrency:4}", batch = "true")
	void onEvents(List<ConsumerRecord<String, PushEvent>> records) {
		List<PushCompleted> completed = new ArrayList<>();
		List<ConsumerRecord<String, PushEvent>> poison = new ArrayList<>();
		List<Exception> errors = new ArrayList<>();
		for (ConsumerRecord<String, PushEvent> record : records) {
			DeserializationException undecodable = ConsumerErrorHandling.undecodable(record);
			if (undecodable != null) {
				poison.add(record);
				errors.add(undecodable);
			}
			else if (record.value() instanceof PushCompleted event) {
				completed.add(event);
			}
			else if (!(record.value() instanceof PushRejected)) {
				// a rejected push moved nothing and is not announced (R9 is about pushed domains)
				poison.add(record);
				errors.add(new UnsupportedEventException("unexpected record on " + Topics.EVENTS));
			}
		}
		Map<java.util.UUID, NotificationService.Delivery> deliveries = completed.isEmpty() ? Map.of()
				: notifications.deliver(completed);
		boolean retry = false;
		for (NotificationService.Delivery delivery : deliveries.values()) {
			Counter.builder("push.emails")
				.description("Notification emails by outcome")
				.tag("status", delivery.name())
				.register(registry)
				.increment();
			retry |= delivery == NotificationService.Delivery.RETRY;
		}
		for (int i = 0; i < poison.size(); i++) {
			deadLetters.accept(poison.get(i), null, errors.get(i));
		}
		if (retry) {
			throw new SmtpTemporarilyUnavailableException();
		}
	}

	static class SmtpTemporarilyUnavailableException extends RuntimeException {

		SmtpTemporarilyUnavailableException() {
			super("SMTP temporarily unavailable for some notifications; retrying the batch");
		}

	}

}
