package io.domainpush.worker.apply;

import java.time.Duration;
import java.time.Instant;

import io.domainpush.core.rules.PushProblem;

/**
 * What applying a request did: completed, rejected (with a reason), failed (given up
 * after failing every attempt), nothing (already terminal), or unknown push.
 */
record Outcome(String status, String reason, Duration latency) {

	static Outcome completed(Instant submitted, Instant completed) {
		return new Outcome("COMPLETED", "none", Duration.between(submitted, completed));
	}

	static Outcome rejected(PushProblem problem, Instant submitted, Instant completed) {
		return new Outcome("REJECTED", problem.name(), Duration.between(submitted, completed));
	}

	static Outcome skipped(String currentStatus) {
		return new Outcome("SKIPPED", currentStatus, null);
	}

	static Outcome failed() {
		return new Outcome("FAILED", PushApplier.PROCESSING_FAILED, null);
	}

	static Outcome unknown() {
		return new Outcome("UNKNOWN", "none", null);
	}

	boolean isUnknown() {
		return "UNKNOWN".equals(status);
	}

}
