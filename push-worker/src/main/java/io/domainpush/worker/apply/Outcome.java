package io.domainpush.worker.apply;

import java.time.Duration;
import java.time.Instant;

import io.domainpush.core.push.PushStatus;
import io.domainpush.core.rules.PushProblem;

/**
 * What applying a request did, as counted in {@code push_outcomes_total{outcome,reason}}:
 * the push was completed, rejected (with the rule's code), or given up on (failed); or
 * nothing was done because it was already terminal (skipped, with its status as reason)
 * or was never stored (unknown).
 */
public record Outcome(Kind kind, String reason, Duration latency) {

	static final String NONE = "none";

	public enum Kind {

		COMPLETED, REJECTED, FAILED, SKIPPED, UNKNOWN

	}

	static Outcome completed(Instant submitted, Instant completed) {
		return new Outcome(Kind.COMPLETED, NONE, Duration.between(submitted, completed));
	}

	static Outcome rejected(PushProblem problem, Instant submitted, Instant completed) {
		return new Outcome(Kind.REJECTED, problem.name(), Duration.between(submitted, completed));
	}

	static Outcome failed() {
		return new Outcome(Kind.FAILED, PushApplier.PROCESSING_FAILED, null);
	}

	static Outcome skipped(PushStatus current) {
		return new Outcome(Kind.SKIPPED, current.name(), null);
	}

	static Outcome unknown() {
		return new Outcome(Kind.UNKNOWN, NONE, null);
	}

	boolean isUnknown() {
		return kind == Kind.UNKNOWN;
	}

}
