package io.domainpush.core.push;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.domainpush.core.events.PushCancelled;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.PushStatusChanged;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a push row, in one place, used by the API (single pushes, batches,
 * cancellation, recovery of lost requests), the worker (lock, complete, reject, give up)
 * and the benchmark alike. Statuses are bound from {@link PushStatus}, but where a
 * partial index must serve the statement: PostgreSQL uses one only for a condition it can
 * prove implies the index's, which a bound parameter never is (a generic plan then scans
 * the table): {@link PushStatus#OPEN_PREDICATE} and the status a transition moves from
 * are written out.
 */
@Repository
public class Pushes {

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	private final Batches batches;

	public Pushes(JdbcClient jdbc, OutboxWriter outbox, Batches batches) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.batches = batches;
	}

	/**
	 * Stores the pushes, in the order given, in the status their plan starts them in
	 * ({@link Submission#initialStatus()}), with what announces them in the outbox (same
	 * transaction: the caller's): the request of an ACCEPTED push, the
	 * {@link PushStatusChanged} of one that waits. A domain that has an open push already
	 * is skipped.
	 * @return the pushes stored; the others' domains were queued meanwhile
	 */
	public Set<UUID> accept(List<NewPush> pushes, Submission submission) {
		if (pushes.isEmpty()) {
			return Set.of();
		}
		PushStatus status = submission.initialStatus();
		PushPlan plan = submission.plan();
		Set<UUID> stored = new HashSet<>(jdbc
			.sql("""
					insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
					                    batch_id, idempotency_scope, idempotency_key, request_hash, submitted_by, submitted_at,
					                    requested_at, not_before, approval_deadline)
					select id, domain_id, name, losing, gaining, :status, :batch, :scope, :key, :hash, :by, :at, :at,
					       :notBefore, :deadline
					  from unnest(:ids, :domains, :names, :losings, :gainings)
					       with ordinality as a(id, domain_id, name, losing, gaining, n)
					 order by n
					on conflict (domain_id) where %s do nothing
					returning push_id"""
				.formatted(PushStatus.OPEN_PREDICATE))
			.param("status", status.name())
			.param("batch", submission.batchId())
			.param("scope", submission.idempotencyScope())
			.param("key", submission.idempotencyKey())
			.param("hash", submission.requestHash())
			.param("by", submission.submittedBy())
			.param("at", utc(submission.at()))
			.param("notBefore", plan.notBefore() == null ? null : utc(plan.notBefore()))
			.param("deadline", plan.approvalDeadline() == null ? null : utc(plan.approvalDeadline()))
			.param("ids", pushes.stream().map(NewPush::pushId).toArray(UUID[]::new))
			.param("domains", pushes.stream().map(NewPush::domainId).toArray(Long[]::new))
			.param("names", pushes.stream().map(NewPush::domain).toArray(String[]::new))
			.param("losings", pushes.stream().map(NewPush::losingCompanyId).toArray(Long[]::new))
			.param("gainings", pushes.stream().map(NewPush::gainingCompanyId).toArray(Long[]::new))
			.query(UUID.class)
			.list());
		List<NewPush> accepted = pushes.stream().filter(p -> stored.contains(p.pushId())).toList();
		if (status == PushStatus.ACCEPTED) {
			outbox.appendAll(Topics.REQUESTS,
					accepted.stream()
						.map(p -> PushRequested.of(p.pushId(), p.domain(), p.losingCompanyId(), p.gainingCompanyId(),
								submission.at()))
						.toList());
		}
		else {
			outbox.appendAll(Topics.EVENTS, accepted.stream()
				.map(p -> PushStatusChanged.of(p.pushId(), p.domain(), p.losingCompanyId(), p.gainingCompanyId(), null,
						status.name(), plan.notBefore(), plan.approvalDeadline(), submission.at()))
				.toList());
		}
		return stored;
	}

	/**
	 * The gaining company approves the push: it goes ahead at once (ACCEPTED) or at its
	 * time (SCHEDULED). Waits for a transaction holding the row.
	 * @return whether it was awaiting approval
	 */
	public boolean approve(UUID pushId) {
		return change(Change.APPROVE, "push_id = :subject", pushId, false, 1).size() == 1;
	}

	/** Approves what of a batch awaits approval; @return how many pushes */
	public int approveBatch(UUID batchId) {
		return change(Change.APPROVE, "batch_id = :subject", batchId, false, Integer.MAX_VALUE).size();
	}

	/** The gaining company declines the push; @return whether it was awaiting approval */
	public boolean decline(UUID pushId) {
		return change(Change.DECLINE, "push_id = :subject", pushId, false, 1).size() == 1;
	}

	/** Declines what of a batch awaits approval; @return how many pushes */
	public int declineBatch(UUID batchId) {
		return change(Change.DECLINE, "batch_id = :subject", batchId, false, Integer.MAX_VALUE).size();
	}

	/**
	 * Queues for the worker the SCHEDULED pushes whose time has come, at most
	 * {@code limit}, longest due first, skipping rows another transaction holds.
	 * @return the pushes queued
	 */
	public List<Changed> startDue(int limit) {
		return change(Change.START, "not_before <= now()", null, true, limit);
	}

	/**
	 * Ends as EXPIRED the pushes awaiting approval past their deadline, at most
	 * {@code limit}, skipping rows another transaction holds. @return the pushes expired
	 */
	public List<Changed> expireDue(int limit) {
		return change(Change.EXPIRE, "approval_deadline <= now()", null, true, limit);
	}

	/**
	 * A transition out of a waiting status (DESIGN §5): from {@code from} to the status
	 * {@code to} computes, longest due first ({@code order}), {@code decides} whether it
	 * answers the approval, {@code ends} whether the push ends.
	 */
	private enum Change {

		APPROVE(PushStatus.AWAITING_APPROVAL, "case when p.not_before > now() then :scheduled else :accepted end",
				"push_id", true, false),
		DECLINE(PushStatus.AWAITING_APPROVAL, ":declined", "push_id", true, true),
		EXPIRE(PushStatus.AWAITING_APPROVAL, ":expired", "approval_deadline", true, true),
		START(PushStatus.SCHEDULED, ":accepted", "not_before", false, false);

		private final PushStatus from;

		private final String to;

		private final String order;

		private final boolean decides;

		private final boolean ends;

		Change(PushStatus from, String to, String order, boolean decides, boolean ends) {
			this.from = from;
			this.to = to;
			this.order = order;
			this.decides = decides;
			this.ends = ends;
		}

	}

	/**
	 * Moves the pushes in {@code change.from} that match {@code filter} and writes in the
	 * caller's transaction what each move announces: its {@link PushStatusChanged}, the
	 * request of a push now ACCEPTED, the end of a batch left with nothing open.
	 */
	private List<Changed> change(Change change, String filter, UUID subject, boolean skipLocked, int limit) {
		List<Changed> changed = jdbc
			.sql("""
					with chosen as (
					    select push_id from pushes
					     where status = '%s' and %s
					     order by %s limit :limit for update %s)
					update pushes p set status = %s, requested_at = now(),
					       decided_at = case when :decides then now() else p.decided_at end,
					       completed_at = case when :ends then now() end
					  from chosen c where p.push_id = c.push_id
					returning p.push_id, p.domain_name, p.losing_company_id, p.gaining_company_id, p.status, p.not_before,
					          p.approval_deadline, p.submitted_at, p.batch_id, now()"""
				.formatted(change.from.name(), filter, change.order, skipLocked ? "skip locked" : "", change.to))
			.param("subject", subject)
			.param("limit", limit)
			.param("decides", change.decides)
			.param("ends", change.ends)
			.param("scheduled", PushStatus.SCHEDULED.name())
			.param("accepted", PushStatus.ACCEPTED.name())
			.param("declined", PushStatus.DECLINED.name())
			.param("expired", PushStatus.EXPIRED.name())
			.query((rs, n) -> new Changed(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4),
					PushStatus.valueOf(rs.getString(5)), instant(rs.getObject(6, OffsetDateTime.class)),
					instant(rs.getObject(7, OffsetDateTime.class)), rs.getObject(8, OffsetDateTime.class).toInstant(),
					rs.getObject(9, UUID.class), rs.getObject(10, OffsetDateTime.class).toInstant()))
			.list();
		outbox.appendAll(Topics.EVENTS,
				changed.stream()
					.map(c -> PushStatusChanged.of(c.pushId(), c.domain(), c.losing(), c.gaining(), change.from.name(),
							c.status().name(), c.notBefore(), c.approvalDeadline(), c.at()))
					.toList());
		outbox.appendAll(Topics.REQUESTS,
				changed.stream()
					.filter(c -> c.status() == PushStatus.ACCEPTED)
					.map(c -> PushRequested.of(c.pushId(), c.domain(), c.losing(), c.gaining(), c.submittedAt()))
					.toList());
		if (change.ends) {
			batches.finish(changed.stream().map(Changed::batchId).filter(Objects::nonNull).distinct().toList());
		}
		return changed;
	}

	/** A push that changed status: as it is now. */
	public record Changed(UUID pushId, String domain, long losing, long gaining, PushStatus status, Instant notBefore,
			Instant approvalDeadline, Instant submittedAt, UUID batchId, Instant at) {
	}

	/**
	 * Cancels (withdraws) the push while it is open (awaiting approval, scheduled or
	 * ACCEPTED); waits for a worker holding the row, then sees its outcome.
	 */
	public boolean cancel(UUID pushId) {
		return cancel(pushId, null) == 1;
	}

	/** Cancels what is still open of a batch; @return how many pushes */
	public int cancelBatch(UUID batchId) {
		return cancel(null, batchId);
	}

	/**
	 * Each cancelled push gets its {@link PushCancelled} event, and a batch left with
	 * nothing open is finished, in the caller's transaction.
	 */
	private int cancel(UUID pushId, UUID batchId) {
		List<CancelledPush> cancelled = jdbc.sql("""
				update pushes set status = :cancelled, completed_at = now()
				 where status = any(:open) and (push_id = :push or batch_id = :batch)
				returning push_id, domain_name, losing_company_id, gaining_company_id, completed_at, batch_id""")
			.param("cancelled", PushStatus.CANCELLED.name())
			.param("open", PushStatus.openNames())
			.param("push", pushId)
			.param("batch", batchId)
			.query((rs,
					n) -> new CancelledPush(PushCancelled.of(rs.getObject(1, UUID.class), rs.getString(2),
							rs.getLong(3), rs.getLong(4), rs.getObject(5, OffsetDateTime.class).toInstant()),
							rs.getObject(6, UUID.class)))
			.list();
		outbox.appendAll(Topics.EVENTS, cancelled.stream().map(CancelledPush::event).toList());
		batches.finish(cancelled.stream().map(CancelledPush::batchId).filter(Objects::nonNull).distinct().toList());
		return cancelled.size();
	}

	private record CancelledPush(PushCancelled event, UUID batchId) {
	}

	/**
	 * Locks the pushes in id order (two workers never wait on each other in a cycle) and
	 * reads them.
	 */
	public List<QueuedPush> lockForApplying(List<UUID> pushIds) {
		return jdbc.sql("""
				select push_id, status, domain_id, domain_name, losing_company_id, gaining_company_id, submitted_at,
				       batch_id, not_before
				  from pushes where push_id = any(:ids) order by push_id for update""")
			.param("ids", pushIds.toArray(UUID[]::new))
			.query((rs, n) -> new QueuedPush(rs.getObject(1, UUID.class), PushStatus.valueOf(rs.getString(2)),
					rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
					rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, UUID.class),
					instant(rs.getObject(9, OffsetDateTime.class))))
			.list();
	}

	/**
	 * Records the pushes as COMPLETED with the users moved and when the gaining company's
	 * billing starts, each.
	 */
	public void complete(List<UUID> pushIds, List<Integer> usersMoved, Instant at, List<LocalDate> billingStartsOn) {
		jdbc.sql(
				"""
						update pushes p set status = :completed, completed_at = :at, users_moved = c.users,
						       billing_starts_on = c.billing
						  from unnest(:pushes, :users, cast(:billing as date[])) as c(push_id, users, billing) where p.push_id = c.push_id""")
			.param("completed", PushStatus.COMPLETED.name())
			.param("pushes", pushIds.toArray(UUID[]::new))
			.param("users", usersMoved.toArray(Integer[]::new))
			.param("at", utc(at))
			.param("billing", billingStartsOn.stream().map(LocalDate::toString).toArray(String[]::new))
			.update();
	}

	/** Records the pushes as REJECTED, each with its reason (a code of DESIGN §5). */
	public void reject(List<UUID> pushIds, List<String> reasons, Instant at) {
		if (pushIds.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update pushes p set status = :rejected, reason = r.reason, completed_at = :at
				  from unnest(:pushes, :reasons) as r(push_id, reason) where p.push_id = r.push_id""")
			.param("rejected", PushStatus.REJECTED.name())
			.param("pushes", pushIds.toArray(UUID[]::new))
			.param("reasons", reasons.toArray(String[]::new))
			.param("at", utc(at))
			.update();
	}

	/**
	 * The worker gave up on the push: FAILED with {@code reason}. @return whether it was
	 * still ACCEPTED
	 */
	public boolean giveUp(UUID pushId, String reason) {
		boolean gaveUp = jdbc.sql("""
				update pushes set status = :failed, reason = :reason, completed_at = now()
				 where push_id = :id and status = :accepted""")
			.param("failed", PushStatus.FAILED.name())
			.param("accepted", PushStatus.ACCEPTED.name())
			.param("id", pushId)
			.param("reason", reason)
			.update() == 1;
		if (gaveUp) {
			batches.finishBatchesOf(List.of(pushId));
		}
		return gaveUp;
	}

	/**
	 * Requests again the ACCEPTED pushes whose last request is older than {@code age} and
	 * not waiting in the outbox (its record was lost in Kafka), at most {@code limit},
	 * skipping rows a worker holds.
	 * @return how many were requested again
	 */
	public int requestAgain(Duration age, int limit) {
		List<PushRequested> requests = jdbc.sql("""
				with stale as (
				    select push_id from pushes p
				     where status = :accepted and requested_at < now() - :ageMillis * interval '1 millisecond'
				       and not exists (select 1 from outbox o where o.topic = :topic and o.record_key = p.domain_name)
				     order by requested_at limit :limit for update skip locked)
				update pushes p set requested_at = now() from stale s where p.push_id = s.push_id
				returning p.push_id, p.domain_name, p.losing_company_id, p.gaining_company_id, p.submitted_at""")
			.param("accepted", PushStatus.ACCEPTED.name())
			.param("ageMillis", age.toMillis())
			.param("topic", Topics.REQUESTS)
			.param("limit", limit)
			.query((rs, n) -> PushRequested.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
					rs.getLong(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list();
		outbox.appendAll(Topics.REQUESTS, requests);
		return requests.size();
	}

	/**
	 * Pushes of the batch by status (every status present, zero when none) and the last
	 * completion.
	 */
	public BatchCounts countBatch(UUID batchId) {
		Map<PushStatus, Long> counts = new EnumMap<>(PushStatus.class);
		for (PushStatus status : PushStatus.values()) {
			counts.put(status, 0L);
		}
		OffsetDateTime[] last = { null };
		jdbc.sql("select status, count(*), max(completed_at) from pushes where batch_id = :id group by status")
			.param("id", batchId)
			.query((rs, n) -> {
				counts.put(PushStatus.valueOf(rs.getString(1)), rs.getLong(2));
				OffsetDateTime completed = rs.getObject(3, OffsetDateTime.class);
				if (completed != null && (last[0] == null || completed.isAfter(last[0]))) {
					last[0] = completed;
				}
				return null;
			})
			.list();
		return new BatchCounts(counts, last[0]);
	}

	/** Batches a company submitted that still have open pushes. */
	public long countUnfinishedBatchesOf(long companyId) {
		return jdbc.sql("""
				select count(*) from push_batches b
				 where b.submitter_company_id = :company
				   and exists (select 1 from pushes p where p.batch_id = b.batch_id and p.status = any(:open))""")
			.param("company", companyId)
			.param("open", PushStatus.openNames())
			.query(Long.class)
			.single();
	}

	/**
	 * What operators watch: queued pushes, those of batches, and batches with pushes
	 * still queued.
	 */
	public Queued countQueued() {
		return jdbc.sql("""
				select count(*), count(batch_id), count(distinct batch_id) from pushes where status = :accepted""")
			.param("accepted", PushStatus.ACCEPTED.name())
			.query((rs, n) -> new Queued(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * @param lastCompletedAt when the last of the batch's pushes reached a terminal
	 * state, or null
	 */
	public record BatchCounts(Map<PushStatus, Long> byStatus, OffsetDateTime lastCompletedAt) {

		public long of(PushStatus status) {
			return byStatus.get(status);
		}

	}

	public record Queued(long pushes, long inBatches, long batches) {
	}

}
