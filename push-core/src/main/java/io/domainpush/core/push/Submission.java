package io.domainpush.core.push;

import java.time.Instant;
import java.util.UUID;

/**
 * Who submitted pushes, when, and how: alone with an optional idempotency key (scope, key
 * and a hash of the request), or as a bulk migration ({@code batchId}); and when and
 * whether they go ahead ({@code plan}).
 */
public record Submission(UUID submittedBy, Instant at, UUID batchId, String idempotencyScope, String idempotencyKey,
		String requestHash, PushPlan plan) {

	public static Submission single(UUID submittedBy, Instant at, String scope, String key, String requestHash) {
		return new Submission(submittedBy, at, null, key == null ? null : scope, key, requestHash, PushPlan.NOW);
	}

	public static Submission batch(UUID submittedBy, Instant at, UUID batchId) {
		return new Submission(submittedBy, at, batchId, null, null, null, PushPlan.NOW);
	}

	public Submission withPlan(PushPlan plan) {
		return new Submission(submittedBy, at, batchId, idempotencyScope, idempotencyKey, requestHash, plan);
	}

	public PushStatus initialStatus() {
		return plan.initialStatus(at);
	}

}
