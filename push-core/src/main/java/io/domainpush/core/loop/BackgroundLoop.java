package io.domainpush.core.loop;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The one way background work runs in every service: a thread of its own that runs
 * {@link #round()}, at once again while a round says there is more, otherwise after the
 * schedule's interval or as soon as its {@link Wakeup} is woken. A round that throws (the
 * database or the broker is down) is logged and tried again after a back-off that doubles
 * up to {@link #MAX_BACK_OFF}; nothing a round throws ends the loop. Started and stopped
 * with the application; {@link #isAlive} tells readiness whether it still goes round.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

	static final Duration INITIAL_BACK_OFF = Duration.ofMillis(100);

	static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private final String name;

	private final Schedule schedule;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile long heartbeat = System.nanoTime();

	protected BackgroundLoop(String name, Schedule schedule) {
		this.name = name;
		this.schedule = schedule;
	}

	/**
	 * One round of the work. Runs on the loop's thread only.
	 * @return true when there is more to do at once (a full batch), false to wait for the
	 * interval or a wake-up
	 */
	protected abstract boolean round() throws Exception;

	/** Whether this loop is meant to run here (a relay with no topic to relay is not). */
	protected boolean enabled() {
		return true;
	}

	/** How long one round may take at the most, for {@link #isAlive}. */
	protected Duration longestRound() {
		return Duration.ofMinutes(1);
	}

	/** Runs a round soon: there may be work. */
	public void wake() {
		schedule.wakeup().wake();
	}

	private void loop() {
		Duration backOff = INITIAL_BACK_OFF;
		if (!idle(schedule.firstDelay())) {
			return;
		}
		while (running) {
			heartbeat = System.nanoTime();
			boolean more;
			try {
				more = round();
				backOff = INITIAL_BACK_OFF;
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Throwable ex) {
				// an Error too: a loop that ends while the service reports running delays
				// everything, silently
				if (!running) {
					return;
				}
				log.warn("{} failed, next round in {} ms: {}", name, backOff.toMillis(), ex.toString());
				if (!idle(backOff)) {
					return;
				}
				backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
				continue;
			}
			if (!more && !idle(schedule.interval())) {
				return;
			}
		}
	}

	/**
	 * @return false when the loop is to end
	 */
	private boolean idle(Duration wait) {
		if (wait.isZero()) {
			return running;
		}
		try {
			schedule.wakeup().await(wait);
			return running;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	/**
	 * Whether the loop does its job: it is not meant to run here, or it runs and went
	 * round recently (within one interval, the longest back-off and its longest round).
	 */
	public boolean isAlive() {
		if (!enabled()) {
			return true;
		}
		Thread current = thread;
		long quiet = System.nanoTime() - heartbeat;
		long allowed = schedule.interval()
			.plus(schedule.firstDelay())
			.plus(MAX_BACK_OFF)
			.plus(longestRound())
			.toNanos();
		return running && current != null && current.isAlive() && quiet <= allowed;
	}

	public String name() {
		return name;
	}

	@Override
	public void start() {
		if (!enabled()) {
			return;
		}
		running = true;
		heartbeat = System.nanoTime();
		Thread started = new Thread(this::loop, name);
		started.setDaemon(true);
		thread = started;
		started.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread current = thread;
		if (current != null) {
			current.interrupt();
			try {
				current.join(MAX_BACK_OFF.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		thread = null;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return schedule.phase();
	}

	/**
	 * When a loop goes round.
	 *
	 * @param interval the wait after a round that found nothing more to do
	 * @param firstDelay the wait before the first round
	 * @param wakeup what ends a wait early
	 * @param phase the lifecycle phase the loop starts and stops in
	 */
	public record Schedule(Duration interval, Duration firstDelay, Wakeup wakeup, int phase) {

		/** Phase of loops that must stop after the listener containers. */
		static final int AFTER_LISTENERS = Integer.MAX_VALUE - 2000;

		/** Every {@code interval}, the first round at start. */
		public static Schedule every(Duration interval) {
			return new Schedule(interval, Duration.ZERO, new Wakeup(), SmartLifecycle.DEFAULT_PHASE);
		}

		/** The first round one interval after start. */
		public Schedule firstRoundAfterInterval() {
			return new Schedule(interval, interval, wakeup, phase);
		}

		/** Woken by {@code wakeup} too. */
		public Schedule wokenBy(Wakeup other) {
			return new Schedule(interval, firstDelay, other, phase);
		}

		/**
		 * Stopped after the listener containers, so what they wrote last still goes out.
		 */
		public Schedule stoppedAfterListeners() {
			return new Schedule(interval, firstDelay, wakeup, AFTER_LISTENERS);
		}

	}

}
