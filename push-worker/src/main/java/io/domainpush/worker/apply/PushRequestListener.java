package io.domainpush.worker.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.config.ConsumerErrorHandling;
import io.domainpush.core.config.CrashPoints;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code domain-push.requests} in batches. The valid requests of a poll are applied together
 * in one transaction ({@link PushApplier}); records that cannot be understood go to the dead-letter
 * topic without holding up their neighbours. Offsets are committed after the transaction committed; if
 * it fails (database down) the whole batch is retried with back-off, and already-applied pushes are
 * then recognised and skipped.
 */
@Component
class PushRequestListener {


	private final PushApplier applier;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final MeterRegistry registry;

	private final Timer latency;

	private final CrashPoints crashPoints;

	PushRequestListener(PushApplier applier, DeadLetterPublishingRecoverer deadLetters, MeterRegistry registry,
			CrashPoints crashPoints) {
		this.applier = applier;
		this.deadLetters = deadLetters;
		this.registry = registry;
		this.crashPoints = crashPoints;
		this.latency = Timer.builder("push.latency")
			.description("From acceptance by the API to the push's outcome")
			.register(registry);
	}

	@KafkaListener(id = "push-requests", topics = Topics.REQUESTS, groupId = Topics.WORKER_GROUP,
			concurrency = "${push.worker.concurrency:3}", batch = "true")
	void onRequests(List<ConsumerRecord<String, PushEvent>> records) {
		Map<UUID, ConsumerRecord<String, PushEvent>> requests = new LinkedHashMap<>();
		List<Poison> poison = new ArrayList<>();
		for (ConsumerRecord<String, PushEvent> record : records) {
			DeserializationException undecodable = ConsumerErrorHandling.undecodable(record);
			if (undecodable != null) {
				poison.add(new Poison(record, undecodable));
			}
			else if (record.value() instanceof PushRequested request) {
				requests.putIfAbsent(request.pushId(), record);
			}
			else {
				poison.add(new Poison(record, new UnsupportedEventException(
						"unexpected " + (record.value() == null ? "null" : record.value().type()) + " on " + Topics.REQUESTS)));
			}
		}
		Map<UUID, Outcome> outcomes = requests.isEmpty() ? Map.of() : applier.apply(new ArrayList<>(requests.keySet()));
		crashPoints.reach("worker-after-commit");
		for (Map.Entry<UUID, Outcome> entry : outcomes.entrySet()) {
			Outcome outcome = entry.getValue();
			if (outcome.isUnknown()) {
				poison.add(new Poison(requests.get(entry.getKey()), new UnknownPushException(entry.getKey())));
				continue;
			}
			count(outcome);
		}
		// after the commit: a failure here retries the batch, whose pushes are then skipped as terminal
		for (Poison bad : poison) {
			deadLetters.accept(bad.record(), null, bad.error());
		}
	}

	private void count(Outcome outcome) {
		Counter.builder("push.outcomes")
			.description("Requests processed by the worker, by outcome and reason code")
			.tag("outcome", outcome.status())
			.tag("reason", outcome.reason())
			.register(registry)
			.increment();
		if (outcome.latency() != null) {
			latency.record(outcome.latency().toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private record Poison(ConsumerRecord<String, PushEvent> record, Exception error) {
	}

}
