package io.domainpush.core.push;

import java.time.Instant;
import java.util.UUID;

/**
 * A push as the worker finds it when it locks it to apply it.
 *
 * @param batchId null for a single push
 * @param notBefore the time it was scheduled for, or null
 */
public record QueuedPush(UUID pushId, PushStatus status, long domainId, String domain, long losingCompanyId,
		long gainingCompanyId, Instant submittedAt, UUID batchId, Instant notBefore) {
}
