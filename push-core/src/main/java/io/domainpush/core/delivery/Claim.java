package io.domainpush.core.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Deliveries taken by one claim statement, held until the lease ends: only this claim
 * (its token) may record their outcomes, and no attempt starts that could still be
 * running when the lease ends. The lease is counted from before the claim statement was
 * sent, on this process's monotonic clock, so it ends here no later than in the database.
 */
public final class Claim<T extends Queued> {

	private final UUID token;

	private final long startNanos;

	private final Duration lease;

	private final Duration startBy;

	private final List<T> items;

	private volatile boolean lost;

	Claim(UUID token, long startNanos, Duration lease, List<T> items) {
		this(token, startNanos, lease, lease, items);
	}

	private Claim(UUID token, long startNanos, Duration lease, Duration startBy, List<T> items) {
		this.token = token;
		this.startNanos = startNanos;
		this.lease = lease;
		this.startBy = startBy;
		this.items = List.copyOf(items);
	}

	public List<T> items() {
		return items;
	}

	public boolean isEmpty() {
		return items.isEmpty();
	}

	UUID token() {
		return token;
	}

	/**
	 * Whether an attempt that may take up to {@code deadline} may start now: it ends, and
	 * its outcome can be recorded within another {@code deadline}, before the lease runs
	 * out; no other claim has taken these deliveries; and the claim's budget for starting
	 * attempts is not spent.
	 */
	public boolean mayStart(Duration deadline) {
		Duration elapsed = elapsed();
		return !lost && elapsed.plus(deadline.multipliedBy(2)).compareTo(lease) <= 0 && elapsed.compareTo(startBy) <= 0;
	}

	/**
	 * The same deliveries, whose attempts start within {@code budget} of the claim (a
	 * Kafka listener's share of its poll); what is left then is given back.
	 */
	public Claim<T> within(Duration budget) {
		return new Claim<>(token, startNanos, lease, budget.compareTo(startBy) < 0 ? budget : startBy, items);
	}

	/** Whether outcomes could not be recorded: another claim holds the deliveries now. */
	public boolean isLost() {
		return lost;
	}

	void lose() {
		lost = true;
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
