package io.domainpush.core.kafka;

import java.time.Instant;
import java.util.List;

/**
 * Lag of the system's consumer groups, read from the broker (committed offsets vs end
 * offsets).
 */
public record ConsumerLag(Instant measuredAt, List<GroupLag> groups) {

	/**
	 * @param totalLag records not yet committed by the group, all partitions
	 * @param maxLagSeconds age of the oldest unconsumed record of the group (0 when
	 * caught up)
	 * @param members live members of the group (0: nobody consumes, lag still measured)
	 */
	public record GroupLag(String group, String topic, long totalLag, double maxLagSeconds, int members,
			List<PartitionLag> partitions) {
	}

	/**
	 * @param committedOffset the group's committed offset, null if it never committed on
	 * this partition
	 * @param lagSeconds age of the record at the committed offset, 0 when caught up
	 */
	public record PartitionLag(String topic, int partition, Long committedOffset, long endOffset, long lag,
			double lagSeconds) {
	}

}
