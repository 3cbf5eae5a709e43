package io.domainpush.api.common;

import java.time.Duration;

/** A wait as people read it: "5 seconds", "2 minutes", "7 days", rounded up. */
public final class Waits {

	private Waits() {
	}

	public static String readable(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		if (seconds < 60) {
			return seconds + (seconds == 1 ? " second" : " seconds");
		}
		long minutes = (seconds + 59) / 60;
		if (minutes < 60) {
			return minutes + (minutes == 1 ? " minute" : " minutes");
		}
		long hours = (minutes + 59) / 60;
		if (hours < 48) {
			return hours + (hours == 1 ? " hour" : " hours");
		}
		return (hours + 23) / 24 + " days";
	}

	/** Whole seconds, rounded up (a Retry-After header, OMA's retry_after). */
	public static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
