package io.domainpush.core.config;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * A sweep run every {@code interval} (with a fixed delay between runs) while the
 * application runs: started and stopped with it. A run must catch its own failures (the
 * database may be down): the next run tries again.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final boolean firstRunAfterInterval;

	private volatile ScheduledFuture<?> task;

	/**
	 * @param firstRunAfterInterval false: the first run comes at start-up
	 */
	protected PeriodicTask(TaskScheduler scheduler, Duration interval, boolean firstRunAfterInterval) {
		this.scheduler = scheduler;
		this.interval = interval;
		this.firstRunAfterInterval = firstRunAfterInterval;
	}

	/** One run. */
	protected abstract void runOnce();

	@Override
	public void start() {
		task = firstRunAfterInterval
				? scheduler.scheduleWithFixedDelay(this::runOnce, Instant.now().plus(interval), interval)
				: scheduler.scheduleWithFixedDelay(this::runOnce, interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = task;
		if (current != null) {
			current.cancel(false);
		}
		task = null;
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}

}
