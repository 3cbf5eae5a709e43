package io.domainpush.core.outbox;

import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the outbox inside the caller's transaction, so the event exists if
 * and only if the change it announces committed. The relay is woken once the transaction
 * commits.
 */
@Component
public class OutboxWriter {

	private final JdbcClient jdbc;

	private final OutboxSignal signal;

	private final CrashPoints crashPoints;

	public OutboxWriter(JdbcClient jdbc, OutboxSignal signal, CrashPoints crashPoints) {
		this.jdbc = jdbc;
		this.signal = signal;
		this.crashPoints = crashPoints;
	}

	public void append(String topic, PushEvent event) {
		jdbc.sql("insert into outbox (topic, record_key, payload) values (:topic, :key, :payload)")
			.param("topic", topic)
			.param("key", event.recordKey())
			.param("payload", EventCodec.encode(event))
			.update();
		wakeRelayAfterCommit();
	}

	/** Appends many events with one statement (the worker's batches). */
	public void appendAll(String topic, java.util.List<? extends PushEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into outbox (topic, record_key, payload)
				select :topic, k, p from unnest(:keys, :payloads) with ordinality as e(k, p, n) order by n""")
			.param("topic", topic)
			.param("keys", events.stream().map(PushEvent::recordKey).toArray(String[]::new))
			.param("payloads", events.stream().map(EventCodec::encode).toArray(String[]::new))
			.update();
		wakeRelayAfterCommit();
	}

	private void wakeRelayAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					crashPoints.reach("outbox-after-commit");
					signal.wake();
				}
			});
		}
		else {
			signal.wake();
		}
	}

}
