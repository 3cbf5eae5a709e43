package io.domainpush.core.push;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a digest row ({@code notification_digests}), in one place: the
 * transaction that finishes a batch opens one digest per side and company whose
 * notifications of the batch are IN_DIGEST; the notifier claims it (a lease, as
 * {@link Notifications} does), sends it and records the outcome. The key (batch, side,
 * company) makes a digest exist once however often the batch's end is seen, and its
 * Message-ID is derived from it.
 */
@Repository
public class Digests {

	private static final String CLAIM = """
			with claimed as (
			    update notification_digests d set attempts = d.attempts + 1, updated_at = now(),
			           next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			     where (d.batch_id, d.audience, d.company_id) in (
			           select batch_id, audience, company_id from notification_digests
			            where status = :pending and (%s)
			            order by batch_id, audience, company_id limit :limit for update skip locked)
			    returning d.*)
			select c.batch_id, c.audience, c.company_id, t.name as company_name, c.recipient, c.message_id, c.attempts,
			       c.queued_at, b.gaining_company_id, g.name as gaining_name, b.total, b.rejected as refused_up_front,
			       b.submitted_at, b.finished_at
			  from claimed c join push_batches b on b.batch_id = c.batch_id
			  join companies t on t.company_id = c.company_id
			  join companies g on g.company_id = b.gaining_company_id
			 order by c.batch_id, c.audience, c.company_id""";

	private static final RowMapper<DueDigest> DUE = (rs, n) -> new DueDigest(rs.getObject("batch_id", UUID.class),
			NotificationAudience.valueOf(rs.getString("audience")), rs.getLong("company_id"),
			rs.getString("company_name"), rs.getString("recipient"), rs.getString("message_id"), rs.getInt("attempts"),
			rs.getObject("queued_at", OffsetDateTime.class).toInstant(), rs.getLong("gaining_company_id"),
			rs.getString("gaining_name"), rs.getInt("total"), rs.getInt("refused_up_front"),
			rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
			rs.getObject("finished_at", OffsetDateTime.class).toInstant());

	private final JdbcClient jdbc;

	public Digests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Opens the digests of these finished batches: one per side and company with
	 * notifications IN_DIGEST, to the company's notification address now (none: SKIPPED),
	 * waiting for the BatchFinished event (or the orphan sweep). Part of the transaction
	 * that finishes the batches.
	 */
	void open(Collection<UUID> finishedBatchIds) {
		List<Opening> openings = jdbc.sql("""
				select distinct p.batch_id, n.audience,
				       case when n.audience = :gaining then p.gaining_company_id else p.losing_company_id end
				  from notifications n join pushes p on p.push_id = n.push_id
				 where p.batch_id = any(:batches) and n.status = :inDigest""")
			.param("gaining", NotificationAudience.GAINING.name())
			.param("batches", finishedBatchIds.toArray(UUID[]::new))
			.param("inDigest", NotificationStatus.IN_DIGEST.name())
			.query((rs, n) -> new Opening(rs.getObject(1, UUID.class), NotificationAudience.valueOf(rs.getString(2)),
					rs.getLong(3)))
			.list();
		if (openings.isEmpty()) {
			return;
		}
		jdbc.sql(
				"""
						insert into notification_digests (batch_id, audience, company_id, status, recipient, message_id)
						select o.batch_id, o.audience, o.company_id,
						       case when c.notification_email is null then :skipped else :pending end, c.notification_email,
						       o.message_id
						  from unnest(:batches, :audiences, :companies, :messageIds) as o(batch_id, audience, company_id, message_id)
						  join companies c on c.company_id = o.company_id
						on conflict do nothing""")
			.param("skipped", NotificationStatus.SKIPPED.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("batches", openings.stream().map(Opening::batchId).toArray(UUID[]::new))
			.param("audiences", openings.stream().map(o -> o.audience().name()).toArray(String[]::new))
			.param("companies", openings.stream().map(Opening::companyId).toArray(Long[]::new))
			.param("messageIds",
					openings.stream()
						.map(o -> MessageIds.ofDigest(o.batchId(), o.audience(), o.companyId()))
						.toArray(String[]::new))
			.update();
	}

	/**
	 * Claims the PENDING digests of these batches that are not waiting for a later
	 * attempt.
	 */
	public List<DueDigest> claim(Collection<UUID> batchIds, int limit, Duration lease) {
		return jdbc
			.sql(CLAIM.formatted("batch_id = any(:ids) and (next_attempt_at is null or next_attempt_at <= now())"))
			.param("ids", batchIds.toArray(UUID[]::new))
			.param("pending", NotificationStatus.PENDING.name())
			.param("limit", limit)
			.param("leaseMillis", lease.toMillis())
			.query(DUE)
			.list();
	}

	/**
	 * Claims digests due again: back-off or an abandoned claim expired, or their event
	 * has not arrived after {@code orphanAge}.
	 */
	public List<DueDigest> claimDue(int limit, Duration lease, Duration orphanAge) {
		return jdbc.sql(CLAIM.formatted("""
				next_attempt_at <= now()
				or (next_attempt_at is null and created_at < now() - :orphanMillis * interval '1 millisecond')"""))
			.param("pending", NotificationStatus.PENDING.name())
			.param("limit", limit)
			.param("leaseMillis", lease.toMillis())
			.param("orphanMillis", orphanAge.toMillis())
			.query(DUE)
			.list();
	}

	/**
	 * What the digest lists, in domain order: every push of the batch for the gaining
	 * company; the completed ones that left it for a losing company.
	 */
	public List<DigestLine> lines(DueDigest digest) {
		boolean gaining = digest.audience() == NotificationAudience.GAINING;
		return jdbc.sql("""
				select p.domain_name, p.status, p.users_moved, p.reason, o.company_id, o.name
				  from pushes p join companies o on o.company_id = %s
				 where p.batch_id = :batch and (:gaining or (p.losing_company_id = :company and p.status = :completed))
				 order by p.domain_name""".formatted(gaining ? "p.losing_company_id" : "p.gaining_company_id"))
			.param("batch", digest.batchId())
			.param("gaining", gaining)
			.param("company", digest.companyId())
			.param("completed", PushStatus.COMPLETED.name())
			.query((rs, n) -> new DigestLine(rs.getString(1), PushStatus.valueOf(rs.getString(2)),
					rs.getObject(3, Integer.class), rs.getString(4), rs.getLong(5), rs.getString(6)))
			.list();
	}

	/** Records the outcomes of one attempt, in one statement. */
	public void record(List<DigestOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update notification_digests d set status = o.status, last_error = o.error, updated_at = now(),
				       next_attempt_at = now() + o.retry_millis * interval '1 millisecond',
				       sent_at = case when o.status = :sent then now() else d.sent_at end
				  from unnest(:batches, :audiences, :companies, :statuses, :errors, :retries)
				       as o(batch_id, audience, company_id, status, error, retry_millis)
				 where d.batch_id = o.batch_id and d.audience = o.audience and d.company_id = o.company_id
				   and d.status = :pending""")
			.param("sent", NotificationStatus.SENT.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("batches", outcomes.stream().map(DigestOutcome::batchId).toArray(UUID[]::new))
			.param("audiences", outcomes.stream().map(o -> o.audience().name()).toArray(String[]::new))
			.param("companies", outcomes.stream().map(DigestOutcome::companyId).toArray(Long[]::new))
			.param("statuses", outcomes.stream().map(o -> o.status().name()).toArray(String[]::new))
			.param("errors", outcomes.stream().map(DigestOutcome::error).toArray(String[]::new))
			.param("retries", outcomes.stream().map(DigestOutcome::retryMillis).toArray(Long[]::new))
			.update();
	}

	/** Digests not yet sent (counted with the notifications waiting). */
	public long countWaiting() {
		return jdbc.sql("select count(*) from notification_digests where status = :pending")
			.param("pending", NotificationStatus.PENDING.name())
			.query(Long.class)
			.single();
	}

	private record Opening(UUID batchId, NotificationAudience audience, long companyId) {
	}

}
