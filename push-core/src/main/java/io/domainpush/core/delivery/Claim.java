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

	private final List<T> items;

	private volatile boolean lost;

	Claim(UUID token, long startNanos, Duration lease, List<T> items) {
		this.token = token;
		this.startNanos = startNanos;
		this.lease = lease;
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
	 * out; and no other claim has taken these deliveries.
	 */
	public boolean mayStart(Duration deadline) {
		return !lost && elapsed().plus(deadline.multipliedBy(2)).compareTo(lease) <= 0;
	}

	/** The same deliveries, held at most {@code budget} from the claim on. */
	public Claim<T> within(Duration budget) {
		return budget.compareTo(lease) >= 0 ? this : new Claim<>(token, startNanos, budget, items);
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
