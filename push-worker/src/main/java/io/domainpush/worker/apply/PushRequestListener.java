package io.domainpush.worker.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.kafka.ConsumerErrorHandling;
import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.kafka.DeadLetters;
import io.domainpush.core.kafka.DeadLetters.Poison;
import io.domainpush.core.kafka.TransientFailures;
import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;
import io.domainpush.core.tracing.Traces;
import io.micrometer.tracing.Span;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code domain-push.requests} in batches. The valid requests of a poll are
 * applied together in one transaction ({@link PushApplier}); records that cannot be
 * understood go to the dead-letter topic without holding up their neighbours. Offsets are
 * committed after the transaction committed; if it fails (database down) the whole batch
 * is retried with back-off, and already-applied pushes are then recognised and skipped. A
 * request that fails on every attempt is isolated and given up on alone. Dead letters are
 * published last, once, after everything else of the poll succeeded
 * ({@link DeadLetters}).
 */
@Component
class PushRequestListener {

	private static final Logger log = LoggerFactory.getLogger(PushRequestListener.class);

	private final PushApplier applier;

	private final DeadLetters deadLetters;

	private final MeterRegistry registry;

	private final Timer latency;

	private final CrashPoints crashPoints;

	private final WorkerProperties properties;

	private final Traces traces;

	PushRequestListener(PushApplier applier, DeadLetters deadLetters, MeterRegistry registry, CrashPoints crashPoints,
			WorkerProperties properties, Traces traces) {
		this.applier = applier;
		this.traces = traces;
		this.properties = properties;
		this.deadLetters = deadLetters;
		this.registry = registry;
		this.crashPoints = crashPoints;
		this.latency = Timer.builder("push.latency")
			.description("From acceptance by the API to the push's outcome")
			.register(registry);
	}

	@KafkaListener(id = "push-requests", topics = Topics.REQUESTS, groupId = Topics.WORKER_GROUP,
			concurrency = "${push.worker.concurrency:3}", batch = "true")
	void onRequests(List<ConsumerRecord<String, PushEvent>> records, Consumer<?, ?> consumer) {
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
				poison.add(new Poison(record,
						new UnsupportedEventException("unexpected "
								+ (record.value() == null ? "null" : EventCodec.type(record.value().getClass()))
								+ " on " + Topics.REQUESTS)));
			}
		}
		Map<UUID, Span> spans = spans(requests);
		Map<UUID, Outcome> outcomes;
		try {
			outcomes = requests.isEmpty() ? Map.of() : apply(requests, tracesOf(spans), poison);
		}
		catch (RuntimeException ex) {
			spans.values().forEach((span) -> span.error(ex).end());
			throw ex;
		}
		crashPoints.reach("worker-after-commit");
		for (Map.Entry<UUID, Outcome> entry : outcomes.entrySet()) {
			Outcome outcome = entry.getValue();
			spans.get(entry.getKey()).tag("push.outcome", outcome.kind().name()).tag("push.reason", outcome.reason());
			if (outcome.isUnknown()) {
				poison.add(new Poison(requests.get(entry.getKey()), new UnknownPushException(entry.getKey())));
				continue;
			}
			count(outcome);
		}
		spans.values().forEach(Span::end);
		// after the commit: a failure here retries the batch, whose pushes are then
		// skipped as terminal
		deadLetters.publish(poison, records, consumer);
	}

	/**
	 * Applies the poll in one transaction. If that fails for a reason that would come
	 * back on every attempt (a violated constraint, a bug), each request is applied on
	 * its own, so the one at fault is isolated and its neighbours complete. A transient
	 * failure (database unreachable) is thrown: the container retries the whole poll with
	 * back-off, forever, and requests applied meanwhile are then skipped as terminal.
	 */
	private Map<UUID, Outcome> apply(Map<UUID, ConsumerRecord<String, PushEvent>> requests, Map<UUID, String> traces,
			List<Poison> poison) {
		try {
			return applier.apply(new ArrayList<>(requests.keySet()), traces);
		}
		catch (RuntimeException ex) {
			if (TransientFailures.isTransient(ex)) {
				throw ex;
			}
			log.warn("Applying a poll of {} requests failed ({}); applying them one by one", requests.size(),
					ex.toString());
		}
		Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
		requests.forEach((id, record) -> outcomes.put(id, applyAlone(id, record, traces, poison)));
		return outcomes;
	}

	private Outcome applyAlone(UUID pushId, ConsumerRecord<String, PushEvent> record, Map<UUID, String> traces,
			List<Poison> poison) {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= properties.attemptsAlone(); attempt++) {
			try {
				return applier.apply(List.of(pushId), traces).get(pushId);
			}
			catch (RuntimeException ex) {
				if (TransientFailures.isTransient(ex)) {
					throw ex;
				}
				last = ex;
			}
		}
		log.error("Push {} failed {} times on its own; giving up on it (FAILED, request dead-lettered)", pushId,
				properties.attemptsAlone(), last);
		applier.giveUp(pushId);
		poison.add(new Poison(record, last));
		return Outcome.failed();
	}

	/**
	 * A span per push, continuing the trace its request carries, over the transaction
	 * that applies the poll: what the push's outcome sends continues it.
	 */
	private Map<UUID, Span> spans(Map<UUID, ConsumerRecord<String, PushEvent>> requests) {
		Map<UUID, Span> spans = new LinkedHashMap<>();
		requests.forEach((pushId, record) -> spans.put(pushId,
				traces.start("apply push", Span.Kind.CONSUMER, Traces.traceParentOf(record.headers()))
					.tag("push.id", pushId.toString())
					.tag("messaging.destination.name", Topics.REQUESTS)
					.tag("push.poll.size", String.valueOf(requests.size()))));
		return spans;
	}

	private Map<UUID, String> tracesOf(Map<UUID, Span> spans) {
		Map<UUID, String> traceParents = new HashMap<>();
		spans.forEach((pushId, span) -> traceParents.put(pushId, traces.traceParentOf(span)));
		return traceParents;
	}

	private void count(Outcome outcome) {
		Counter.builder("push.outcomes")
			.description("Requests processed by the worker, by outcome and reason code")
			.tag("outcome", outcome.kind().name())
			.tag("reason", outcome.reason())
			.register(registry)
			.increment();
		if (outcome.latency() != null) {
			latency.record(outcome.latency().toNanos(), TimeUnit.NANOSECONDS);
		}
	}

}
