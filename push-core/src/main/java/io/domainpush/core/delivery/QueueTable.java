package io.domainpush.core.delivery;

import org.springframework.jdbc.core.RowMapper;

/**
 * One kind of delivery as the queue sees its table: every such table has the queue's
 * columns ({@code delivery_id, company_id, status, attempts, last_error, last_code,
 * queued_at, next_attempt_at, claim_token, created_at, updated_at, sent_at}); what else a
 * kind needs to make an attempt is read with the claim, by {@code details}.
 *
 * @param name the table
 * @param lane an expression over the table (alias {@code d}) whose deliveries go out in
 * order, one at a time: a webhook endpoint; {@code d.delivery_id} when each delivery is
 * its own lane
 * @param details a select over {@code claimed c} (the claimed rows, all columns) that
 * reads each claimed delivery with what its attempt needs
 * @param mapper maps a row of {@code details}
 * @param statuses the kind's names for how a delivery ends
 * @param lanes null when each delivery is its own lane; otherwise a select of the lanes
 * that may have deliveries ({@code lane, company}), few next to the deliveries: a claim
 * then reads the first due deliveries of each lane (an index on the lane and the due
 * order serves it) instead of scanning the queue past the lanes in flight, which read a
 * whole backlog of one endpoint on every round
 */
public record QueueTable<T extends Queued>(String name, String lane, String details, RowMapper<T> mapper,
		Statuses statuses, String lanes) {

	/** A kind whose every delivery is its own lane. */
	public QueueTable(String name, String lane, String details, RowMapper<T> mapper, Statuses statuses) {
		this(name, lane, details, mapper, statuses, null);
	}

}
