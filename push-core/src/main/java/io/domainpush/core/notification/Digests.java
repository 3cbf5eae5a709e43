package io.domainpush.core.notification;

import io.domainpush.core.push.BatchEnd;

import io.domainpush.core.push.PushStatus;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryQueue;
import io.domainpush.core.delivery.QueueTable;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.delivery.Statuses;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a digest row ({@code notification_digests}), in one place: the
 * transaction that finishes a batch opens one digest per side and company whose
 * notifications of the batch are IN_DIGEST; the notifier works through them as a
 * {@link DeliveryQueue}. The key (batch, side, company) makes a digest exist once however
 * often the batch's end is seen, and its Message-ID is derived from it.
 */
@Repository
public class Digests implements BatchEnd {

	private static final QueueTable<DueDigest> TABLE = new QueueTable<>("notification_digests", "d.delivery_id", """
			select c.delivery_id, c.batch_id, c.audience, c.company_id, t.name as company_name, c.recipient,
			       c.message_id, c.attempts, c.queued_at, b.gaining_company_id, g.name as gaining_name, b.total,
			       b.rejected as refused_up_front, b.submitted_at, b.finished_at
			  from claimed c join push_batches b on b.batch_id = c.batch_id
			  join companies t on t.company_id = c.company_id
			  join companies g on g.company_id = b.gaining_company_id
			 order by c.batch_id, c.audience, c.company_id""",
			(rs, n) -> new DueDigest(rs.getObject("delivery_id", UUID.class), rs.getObject("batch_id", UUID.class),
					NotificationAudience.valueOf(rs.getString("audience")), rs.getLong("company_id"),
					rs.getString("company_name"), rs.getString("recipient"), rs.getString("message_id"),
					rs.getInt("attempts"), rs.getObject("queued_at", OffsetDateTime.class).toInstant(),
					rs.getLong("gaining_company_id"), rs.getString("gaining_name"), rs.getInt("total"),
					rs.getInt("refused_up_front"), rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
					rs.getObject("finished_at", OffsetDateTime.class).toInstant()),
			new Statuses(NotificationStatus.SENT.name(), NotificationStatus.SKIPPED.name(),
					NotificationStatus.FAILED.name()));

	private final JdbcClient jdbc;

	private final DeliveryQueue<DueDigest> queue;

	public Digests(JdbcClient jdbc, DeliveryProperties delivery) {
		this.jdbc = jdbc;
		this.queue = new DeliveryQueue<>(jdbc, TABLE, delivery.claimLease());
	}

	/** The digests as a queue of deliveries. */
	public DeliveryQueue<DueDigest> queue() {
		return queue;
	}

	/**
	 * Opens the digests of these finished batches: one per side and company with
	 * notifications IN_DIGEST, to the company's notification address now (none: SKIPPED),
	 * waiting for the BatchFinished event (or the orphan sweep). Part of the transaction
	 * that finishes the batches.
	 */
	@Override
	public void batchesFinished(Collection<UUID> finishedBatchIds) {
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
	 * attempt: what the announcement of their end makes due.
	 */
	public Claim<DueDigest> claimFor(Collection<UUID> batchIds, int limit) {
		return queue.claim(
				Selection.waitingOrDue("d.batch_id = any(:ids)", Map.of("ids", batchIds.toArray(UUID[]::new)), limit));
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

	private record Opening(UUID batchId, NotificationAudience audience, long companyId) {
	}

}
