package io.domainpush.worker.apply;

import java.util.concurrent.TimeUnit;

import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code domain-push.requests}. The offset is committed only after {@link PushApplier}'s
 * transaction committed; a redelivery then finds the push terminal and changes nothing.
 */
@Component
class PushRequestListener {

	private final PushApplier applier;

	private final MeterRegistry registry;

	private final Timer latency;

	PushRequestListener(PushApplier applier, MeterRegistry registry) {
		this.applier = applier;
		this.registry = registry;
		this.latency = Timer.builder("push.latency")
			.description("From acceptance by the API to the push's outcome")
			.register(registry);
	}

	@KafkaListener(id = "push-requests", topics = Topics.REQUESTS, groupId = Topics.WORKER_GROUP,
			concurrency = "${push.worker.concurrency:2}")
	void onRequest(PushEvent event) {
		if (!(event instanceof PushRequested request)) {
			throw new UnsupportedEventException("unexpected " + event.type() + " on " + Topics.REQUESTS);
		}
		Outcome outcome = applier.apply(request);
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

}
