package io.domainpush.core.push;

import java.util.Collection;
import java.util.UUID;

/**
 * What else happens in the transaction that finishes batches, for the features that keep
 * something per batch (the notifications' digests open there). Part of that transaction:
 * it commits or rolls back with the batches' end.
 */
@FunctionalInterface
public interface BatchEnd {

	void batchesFinished(Collection<UUID> finishedBatchIds);

}
