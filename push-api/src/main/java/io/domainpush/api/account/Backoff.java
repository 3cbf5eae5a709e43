package io.domainpush.api.account;

import java.time.Duration;

/**
 * How failed sign-ins slow the next attempt down, without ever locking anyone out: a
 * key's level of failures grows by one with each failure and leaks {@code free} a
 * {@code window}, so it slides instead of resetting at a fixed time. While the level is
 * at most {@code free} the next attempt may come at once; beyond, it waits
 * {@code firstDelay}, doubling with each further failure up to {@code maxDelay}.
 */
record Backoff(int free, Duration window, Duration firstDelay, Duration maxDelay) {

	/** How much of the level leaks away per second. */
	double leakPerSecond() {
		return free / (double) Math.max(1, window.toSeconds());
	}

	/** The level {@code elapsed} after it was {@code level}. */
	double leaked(double level, Duration elapsed) {
		return Math.max(0, level - leakPerSecond() * elapsed.toMillis() / 1000.0);
	}

	/** The wait before the attempt that follows a failure which left {@code level}. */
	Duration delayAt(double level) {
		if (level <= free) {
			return Duration.ZERO;
		}
		// the level leaks between failures, so the sixth of five free ones is 5.99…, not
		// 6
		long doublings = Math.min(30, Math.max(0, (long) Math.ceil(level - free) - 1));
		long millis = firstDelay.toMillis() << doublings;
		return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
	}

}
