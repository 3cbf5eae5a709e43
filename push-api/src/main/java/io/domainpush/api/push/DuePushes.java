package io.domainpush.api.push;

import java.util.List;
import java.util.function.Supplier;

import io.domainpush.api.common.AuditLog;
import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.push.Pushes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time's transitions of the push state machine (DESIGN §5), kept in the database rather
 * than in timers of one process: every {@code push.api.waiting.due-interval} a round
 * queues the SCHEDULED pushes whose time came and expires the approvals past their
 * deadline, each in one transaction with its events and audit entries. Rows are claimed
 * with {@code SKIP LOCKED}, so push-api instances side by side share the work and a push
 * moves once; a process that dies mid-round rolls back and the next round (here or in
 * another instance) moves it.
 */
@Component
class DuePushes extends BackgroundLoop {

	private final Pushes pushes;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final WaitingProperties properties;

	private final Counter started;

	private final Counter expired;

	DuePushes(Pushes pushes, AuditLog audit, TransactionTemplate transaction, WaitingProperties properties,
			MeterRegistry registry) {
		super("due-pushes", Schedule.every(properties.dueInterval()));
		this.pushes = pushes;
		this.audit = audit;
		this.transaction = transaction;
		this.properties = properties;
		this.started = Counter.builder("push.scheduled.started")
			.description("Scheduled pushes queued for the worker when their time came")
			.register(registry);
		this.expired = Counter.builder("push.approvals.expired")
			.description("Pushes whose approval was not given before its deadline")
			.register(registry);
	}

	@Override
	protected boolean round() {
		int limit = properties.dueBatchSize();
		int due = move(() -> pushes.startDue(limit), "PUSH_DUE", true);
		int lapsed = move(() -> pushes.expireDue(limit), "PUSH_EXPIRED", false);
		started.increment(due);
		expired.increment(lapsed);
		return due == limit || lapsed == limit;
	}

	/**
	 * Moves what is due in one transaction, audited in the trail of the company whose
	 * push it is ({@code losingSide}) or which did not answer in time (the gaining one).
	 */
	private int move(Supplier<List<Pushes.Changed>> change, String action, boolean losingSide) {
		Integer moved = transaction.execute(status -> {
			List<Pushes.Changed> changed = change.get();
			audit.recordBySystem(action, changed.stream().map(c -> losingSide ? c.losing() : c.gaining()).toList(),
					changed.stream().map(c -> "push " + c.pushId()).toList());
			return changed.size();
		});
		return moved == null ? 0 : moved;
	}

}
