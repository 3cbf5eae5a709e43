package io.domainpush.core.outbox;

import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.tracing.Traces;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the outbox inside the caller's transaction, so the event exists if
 * and only if the change it announces committed. The relay is woken once the transaction
 * commits. Each row keeps the trace it continues ({@link Traces}): the relay publishes it
 * in that trace.
 */
@Component
public class OutboxWriter {

	private final JdbcClient jdbc;

	private final OutboxSignal signal;

	private final CrashPoints crashPoints;

	private final Traces traces;

	public OutboxWriter(JdbcClient jdbc, OutboxSignal signal, CrashPoints crashPoints, Traces traces) {
		this.jdbc = jdbc;
		this.signal = signal;
		this.crashPoints = crashPoints;
		this.traces = traces;
	}

	/** Appends an event that continues the current trace. */
	public void append(String topic, PushEvent event) {
		appendAll(topic, List.of(event));
	}

	/**
	 * Appends many events with one statement, each continuing the current trace (one
	 * request's pushes are one trace).
	 */
	public void appendAll(String topic, List<? extends PushEvent> events) {
		appendAll(topic, events, Map.of());
	}

	/**
	 * Appends many events with one statement (the worker's batches), an event about a
	 * push continuing that push's trace as {@code tracesByPush} gives it, any other the
	 * current trace.
	 */
	public void appendAll(String topic, List<? extends PushEvent> events, Map<UUID, String> tracesByPush) {
		if (events.isEmpty()) {
			return;
		}
		String current = traces.current();
		jdbc.sql("""
				insert into outbox (topic, record_key, payload, trace_parent)
				select :topic, k, p, t from unnest(:keys, :payloads, :traces) with ordinality as e(k, p, t, n)
				 order by n""")
			.param("topic", topic)
			.param("keys", events.stream().map(PushEvent::recordKey).toArray(String[]::new))
			.param("payloads", events.stream().map(EventCodec::encode).toArray(String[]::new))
			.param("traces", events.stream().map((e) -> traceOf(e, tracesByPush, current)).toArray(String[]::new))
			.update();
		wakeRelayAfterCommit();
	}

	private static String traceOf(PushEvent event, Map<UUID, String> tracesByPush, String current) {
		return event instanceof PushEvent.AboutPush push ? tracesByPush.getOrDefault(push.pushId(), current) : current;
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
