package io.domainpush.core.crash;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Test-only deterministic crashes for the fault-injection suite: with
 * {@code push.test.crash.point=NAME} and {@code push.test.crash.after=N}, the N-th time
 * the code reaches NAME the process halts at once, as {@code kill -9} would (no shutdown
 * hooks, no commit of anything in flight). Off unless configured. Points:
 * {@code worker-after-commit} (the database committed, the offsets not),
 * {@code notifier-after-smtp} (the SMTP server accepted, the notification not recorded),
 * {@code outbox-after-commit} (a change and its outbox row committed, nothing published).
 */
@ConfigurationProperties("push.test.crash")
public final class CrashPoints {

	private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);

	private final String point;

	private final int after;

	/**
	 * How often the point was reached: state of the running process, not configuration.
	 */
	private final AtomicInteger reached = new AtomicInteger();

	public CrashPoints(String point, @DefaultValue("1") int after) {
		this.point = point;
		this.after = after;
	}

	/** No crash point: what every production configuration has. */
	public static CrashPoints none() {
		return new CrashPoints(null, 1);
	}

	public void reach(String name) {
		if (name.equals(point) && reached.incrementAndGet() == after) {
			log.warn("Crash point {} reached ({} time(s)): halting", name, after);
			Runtime.getRuntime().halt(137);
		}
	}

}
