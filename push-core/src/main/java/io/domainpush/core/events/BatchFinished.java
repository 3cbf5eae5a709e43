package io.domainpush.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * None of a batch's pushes is open any more: each completed, was rejected, cancelled,
 * failed, declined or expired. Written by the transaction that ended its last push, keyed
 * by the batch id. {@code declined} and {@code expired} came later within version 1: a
 * consumer reading an older record finds them 0, which they were.
 *
 * @param submitterCompanyId the company whose admin submitted it, null when an operator
 * did
 * @param refusedUpFront lines refused when the batch was submitted (no push was made)
 */
public record BatchFinished(UUID eventId, UUID batchId, long gainingCompanyId, Long submitterCompanyId, int total,
		int refusedUpFront, int completed, int rejected, int cancelled, int failed, int declined, int expired,
		Instant submittedAt, Instant finishedAt) implements PushEvent {

	public BatchFinished {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(batchId, "batch_id");
		Objects.requireNonNull(submittedAt, "submitted_at");
		Objects.requireNonNull(finishedAt, "finished_at");
	}

	public static BatchFinished of(UUID batchId, long gainingCompanyId, Long submitterCompanyId, int total,
			int refusedUpFront, int completed, int rejected, int cancelled, int failed, int declined, int expired,
			Instant submittedAt, Instant finishedAt) {
		return new BatchFinished(UUID.randomUUID(), batchId, gainingCompanyId, submitterCompanyId, total,
				refusedUpFront, completed, rejected, cancelled, failed, declined, expired, submittedAt, finishedAt);
	}

	@Override
	public String recordKey() {
		return batchId.toString();
	}

}
