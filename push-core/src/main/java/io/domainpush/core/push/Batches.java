package io.domainpush.core.push;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.domainpush.core.events.BatchFinished;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The end of a batch, in one place: every transaction that ends a push (the worker
 * applying or giving up, a cancellation, a submission that accepted nothing) calls
 * {@link #finishBatchesOf} or {@link #finish} before it commits. A batch none of whose
 * pushes is open any more is marked finished, its digests are opened and its
 * {@link BatchFinished} event is written to the outbox, all in that transaction and once
 * (the batch row is locked and its {@code finished_at} checked). Two transactions ending
 * a batch's last two pushes at the same moment each still see the other's push open and
 * neither finishes it; locking the batch row in every transaction would order them but
 * would also serialise every worker applying one big batch, so instead
 * {@link #finishStragglers} (run every few seconds) finishes such a batch.
 */
@Repository
public class Batches {

	private final JdbcClient jdbc;

	private final BatchEnd end;

	private final OutboxWriter outbox;

	public Batches(JdbcClient jdbc, BatchEnd end, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.end = end;
		this.outbox = outbox;
	}

	/** Finishes the batches of these pushes that have nothing open left. */
	public void finishBatchesOf(Collection<UUID> pushIds) {
		if (pushIds.isEmpty()) {
			return;
		}
		finish(jdbc.sql("select distinct batch_id from pushes where push_id = any(:ids) and batch_id is not null")
			.param("ids", pushIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** Finishes those of these batches that have nothing open left. */
	public void finish(Collection<UUID> batchIds) {
		if (batchIds.isEmpty()) {
			return;
		}
		List<UUID> done = jdbc.sql("""
				select batch_id from push_batches b
				 where batch_id = any(:ids) and finished_at is null
				   and not exists (select 1 from pushes p where p.batch_id = b.batch_id and p.status = any(:open))""")
			.param("ids", batchIds.toArray(UUID[]::new))
			.param("open", PushStatus.openNames())
			.query(UUID.class)
			.list();
		if (done.isEmpty()) {
			return;
		}
		markFinished(jdbc
			.sql("select batch_id from push_batches where batch_id = any(:ids) and finished_at is null "
					+ "order by batch_id for update")
			.param("ids", done.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/**
	 * Finishes batches that have nothing open left but were not finished by the
	 * transaction that ended their last push (see above), at most {@code limit}, skipping
	 * rows another transaction holds; @return how many
	 */
	public int finishStragglers(int limit) {
		List<UUID> stragglers = jdbc.sql("""
				select batch_id from push_batches b
				 where finished_at is null
				   and not exists (select 1 from pushes p where p.batch_id = b.batch_id and p.status = any(:open))
				 order by submitted_at limit :limit for update skip locked""")
			.param("open", PushStatus.openNames())
			.param("limit", limit)
			.query(UUID.class)
			.list();
		return markFinished(stragglers);
	}

	/**
	 * Marks the locked batches finished, in a statement of its own: a new snapshot under
	 * READ COMMITTED, which sees what a transaction the lock waited for committed.
	 */
	private int markFinished(List<UUID> locked) {
		if (locked.isEmpty()) {
			return 0;
		}
		List<BatchFinished> finished = jdbc.sql("""
				with done as (
				    update push_batches b set finished_at = now()
				     where b.batch_id = any(:ids) and b.finished_at is null
				       and not exists (select 1 from pushes p where p.batch_id = b.batch_id and p.status = any(:open))
				    returning b.*)
				select d.batch_id, d.gaining_company_id, d.submitter_company_id, d.total, d.rejected,
				       count(p.push_id) filter (where p.status = :completed),
				       count(p.push_id) filter (where p.status = :rejected),
				       count(p.push_id) filter (where p.status = :cancelled),
				       count(p.push_id) filter (where p.status = :failed),
				       count(p.push_id) filter (where p.status = :declined),
				       count(p.push_id) filter (where p.status = :expired),
				       d.submitted_at, d.finished_at
				  from done d left join pushes p on p.batch_id = d.batch_id
				 group by d.batch_id, d.gaining_company_id, d.submitter_company_id, d.total, d.rejected,
				          d.submitted_at, d.finished_at
				 order by d.batch_id""")
			.param("ids", locked.toArray(UUID[]::new))
			.param("open", PushStatus.openNames())
			.param("completed", PushStatus.COMPLETED.name())
			.param("rejected", PushStatus.REJECTED.name())
			.param("cancelled", PushStatus.CANCELLED.name())
			.param("failed", PushStatus.FAILED.name())
			.param("declined", PushStatus.DECLINED.name())
			.param("expired", PushStatus.EXPIRED.name())
			.query((rs, n) -> BatchFinished.of(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, Long.class),
					rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
					rs.getInt(11), rs.getObject(12, OffsetDateTime.class).toInstant(),
					rs.getObject(13, OffsetDateTime.class).toInstant()))
			.list();
		if (finished.isEmpty()) {
			return 0;
		}
		end.batchesFinished(finished.stream().map(BatchFinished::batchId).toList());
		outbox.appendAll(Topics.EVENTS, finished);
		return finished.size();
	}

}
