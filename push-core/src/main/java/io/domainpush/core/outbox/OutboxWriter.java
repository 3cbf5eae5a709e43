package io.domainpush.core.outbox;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the outbox inside the caller's transaction, so the event exists if and only if
 * the change it announces committed. The relay is woken once the transaction commits.
 */
@Component
public class OutboxWriter {

	private final JdbcClient jdbc;

	private final OutboxSignal signal;

	public OutboxWriter(JdbcClient jdbc, OutboxSignal signal) {
		this.jdbc = jdbc;
		this.signal = signal;
	}

	public void append(String topic, PushEvent event) {
		jdbc.sql("insert into outbox (topic, record_key, payload) values (:topic, :key, :payload)")
			.param("topic", topic)
			.param("key", event.domain())
			.param("payload", EventCodec.encode(event))
			.update();
		wakeRelayAfterCommit();
	}

	private void wakeRelayAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					signal.wake();
				}
			});
		}
		else {
			signal.wake();
		}
	}

}
