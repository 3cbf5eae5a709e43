package io.domainpush.notifier.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.domainpush.core.tracing.Traces;
import io.domainpush.core.kafka.ConsumerErrorHandling;
import io.domainpush.core.kafka.DeadLetters;
import io.domainpush.core.kafka.DeadLetters.Poison;
import io.domainpush.core.events.BatchFinished;
import io.domainpush.core.events.PushCancelled;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.PushStatusChanged;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.planning.KeptPlans;
import io.domainpush.core.retention.RetentionProperties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes {@code domain-push.events} in batches and attempts the notifications of the
 * completed pushes at once (over one SMTP connection per send batch), and the digests of
 * the batches that finished. SMTP failures never hold the partition: a transient one
 * leaves the notification PENDING for the sweep. Only a database failure is thrown back
 * to the container, which retries the poll with back-off. Undecodable records and events
 * of pushes that were never stored go to the dead-letter topic, last
 * ({@link DeadLetters}).
 */
@Component
class PushEventListener {

	private final Notifications queue;

	private final EmailDeliveries emails;

	private final DigestDeliveries digests;

	private final DeadLetters deadLetters;

	private final RetentionProperties retention;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	PushEventListener(Notifications queue, EmailDeliveries emails, DigestDeliveries digests, DeadLetters deadLetters,
			RetentionProperties retention, TransactionTemplate transaction, JdbcClient jdbc) {
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.queue = queue;
		this.emails = emails;
		this.digests = digests;
		this.deadLetters = deadLetters;
		this.retention = retention;
	}

	@KafkaListener(id = "push-events", topics = Topics.EVENTS, groupId = Topics.NOTIFIER_GROUP,
			concurrency = "${push.notifier.concurrency:4}", batch = "true")
	void onEvents(List<ConsumerRecord<String, PushEvent>> records, Consumer<?, ?> consumer) {
		List<ConsumerRecord<String, PushEvent>> completed = new ArrayList<>();
		List<ConsumerRecord<String, PushEvent>> approvalRequests = new ArrayList<>();
		List<UUID> finishedBatches = new ArrayList<>();
		List<Poison> poison = new ArrayList<>();
		for (ConsumerRecord<String, PushEvent> record : records) {
			DeserializationException undecodable = ConsumerErrorHandling.undecodable(record);
			if (undecodable != null) {
				poison.add(new Poison(record, undecodable));
			}
			else if (record.value() instanceof PushCompleted) {
				completed.add(record);
			}
			else if (record.value() instanceof BatchFinished finished) {
				finishedBatches.add(finished.batchId());
			}
			else if (record.value() instanceof PushStatusChanged changed) {
				// only a push that now awaits approval is mailed (the gaining company is
				// asked); its other waits and decisions are the webhooks' and the pages'
				if (PushStatus.AWAITING_APPROVAL.name().equals(changed.status())) {
					approvalRequests.add(record);
				}
			}
			else if (!(record.value() instanceof PushRejected) && !(record.value() instanceof PushCancelled)) {
				// a rejected or cancelled push moved nothing and is not announced by
				// email (R9 is about pushed domains; the batch digest counts them)
				poison.add(new Poison(record, new UnsupportedEventException("unexpected record on " + Topics.EVENTS)));
			}
		}
		if (!completed.isEmpty()) {
			notify(completed, poison);
		}
		if (!approvalRequests.isEmpty()) {
			askForApproval(approvalRequests, poison);
		}
		if (!finishedBatches.isEmpty()) {
			digests.deliver(finishedBatches);
		}
		deadLetters.publish(poison, records, consumer);
	}

	private void askForApproval(List<ConsumerRecord<String, PushEvent>> records, List<Poison> poison) {
		List<UUID> pushIds = records.stream().map(r -> ((PushStatusChanged) r.value()).pushId()).toList();
		Set<UUID> unknown = queue.recordApprovalRequests(pushIds, tracesByPush(records), retention.emails());
		emails.deliver(known(records, unknown, poison));
	}

	/** The pushes of these records that are stored; the others' records are poison. */
	private static List<UUID> known(List<ConsumerRecord<String, PushEvent>> records, Set<UUID> unknown,
			List<Poison> poison) {
		List<UUID> known = new ArrayList<>();
		for (ConsumerRecord<String, PushEvent> record : records) {
			UUID pushId = ((PushEvent.AboutPush) record.value()).pushId();
			if (unknown.contains(pushId)) {
				poison.add(new Poison(record, new UnsupportedEventException("no push " + pushId + " is stored")));
			}
			else {
				known.add(pushId);
			}
		}
		return known;
	}

	private void notify(List<ConsumerRecord<String, PushEvent>> records, List<Poison> poison) {
		List<PushCompleted> events = records.stream().map(r -> (PushCompleted) r.value()).toList();
		Set<UUID> unknown = KeptPlans.inTransaction(transaction, jdbc,
				() -> queue.record(events, tracesByPush(records), retention.emails()));
		emails.deliver(known(records, unknown, poison));
	}

	/** The trace each push's record continues: its email continues it. */
	private static Map<UUID, String> tracesByPush(List<ConsumerRecord<String, PushEvent>> records) {
		Map<UUID, String> traces = new HashMap<>();
		for (ConsumerRecord<String, PushEvent> record : records) {
			traces.put(((PushEvent.AboutPush) record.value()).pushId(), Traces.traceParentOf(record.headers()));
		}
		return traces;
	}

}
