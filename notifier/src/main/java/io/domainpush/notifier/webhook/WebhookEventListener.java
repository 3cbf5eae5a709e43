package io.domainpush.notifier.webhook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;
import io.domainpush.core.retention.RetentionProperties;
import io.domainpush.core.tracing.Traces;
import io.domainpush.core.webhook.WebhookEvent;
import io.domainpush.core.webhook.Webhooks;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The webhooks' own consumer group on {@code domain-push.events}: each poll becomes one
 * delivery per event and subscribed endpoint (one statement; an event seen before adds
 * nothing, so a replay sends no new {@code webhook-id}), then the dispatcher is woken.
 * Only a database failure is thrown back to the container, which retries the poll. An
 * undecodable record is skipped: the email group dead-letters it already, once.
 */
@Component
class WebhookEventListener {

	private static final Logger log = LoggerFactory.getLogger(WebhookEventListener.class);

	private final Webhooks webhooks;

	private final WebhookDispatcher dispatcher;

	private final RetentionProperties retention;

	WebhookEventListener(Webhooks webhooks, WebhookDispatcher dispatcher, RetentionProperties retention) {
		this.webhooks = webhooks;
		this.dispatcher = dispatcher;
		this.retention = retention;
	}

	// values arrive as bytes and are decoded only when some endpoint is registered: on a
	// platform without webhooks this group costs one query per poll, not a second JSON
	// decoding of every event (measured: the notifier's CPU in the benchmark's bulk
	// push).
	// Its polls cost more than its records (a fetch, a commit, that query): it waits for
	// 64 KiB of events or 250 ms instead of fetching each trickle as the email group does
	@KafkaListener(id = "webhook-events", topics = Topics.EVENTS, groupId = Topics.WEBHOOK_GROUP,
			concurrency = "${push.webhooks.consumer-concurrency:2}", batch = "true",
			properties = { "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
					"fetch.min.bytes=${push.webhooks.consumer-fetch-min-bytes:65536}",
					"fetch.max.wait.ms=${push.webhooks.consumer-fetch-max-wait-ms:250}" })
	void onEvents(List<ConsumerRecord<String, byte[]>> records) {
		if (!webhooks.anyEnabled()) {
			return;
		}
		List<PushEvent> events = new ArrayList<>();
		List<String> traces = new ArrayList<>();
		Set<Long> companies = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			PushEvent event;
			try {
				event = EventCodec.decode(record.value());
			}
			catch (UnsupportedEventException ex) {
				log.debug("Skipping undecodable record at {}-{}@{}", record.topic(), record.partition(),
						record.offset());
				continue;
			}
			List<Long> involved = WebhookEvent.companiesOf(event);
			if (!involved.isEmpty()) {
				events.add(event);
				traces.add(Traces.traceParentOf(record.headers()));
				companies.addAll(involved);
			}
		}
		if (events.isEmpty()) {
			return;
		}
		// most companies register no endpoint: their events are not even rendered
		Set<Long> listening = webhooks.companiesListening(companies);
		if (listening.isEmpty()) {
			return;
		}
		List<WebhookEvent> deliveries = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			if (WebhookEvent.companiesOf(events.get(i)).stream().anyMatch(listening::contains)) {
				deliveries.add(WebhookEvent.of(events.get(i)).continuing(traces.get(i)));
			}
		}
		if (webhooks.enqueue(deliveries, retention.webhookDeliveries()) > 0) {
			dispatcher.wake();
		}
	}

}
