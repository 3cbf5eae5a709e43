package io.domainpush.core.push;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.domainpush.core.events.PushCompleted;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a notification row, in one place: the worker records one per completed
 * push, the notifier works through them as a queue, the API queues a FAILED one again.
 * Each method is one statement, so the notifier never holds a transaction while it talks
 * to an SMTP server: a notification is claimed (its {@code next_attempt_at} moved one
 * lease ahead, which keeps every other claimer away), sent, then its outcome recorded. A
 * sender that dies in between leaves the claim to expire: the notification is attempted
 * again, with the same Message-ID.
 */
@Repository
public class Notifications {

	private static final String CLAIM = """
			with claimed as (
			    update notifications n set attempts = n.attempts + 1, updated_at = now(),
			           next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			     where (n.push_id, n.audience) in (select push_id, audience from notifications
			                          where status = :pending and (%s)
			                          order by push_id, audience limit :limit for update skip locked)
			    returning n.push_id, n.audience, n.recipient, n.message_id, n.attempts, n.queued_at)
			select c.push_id, c.audience, c.recipient, c.message_id, c.attempts, c.queued_at, p.domain_name,
			       p.losing_company_id, l.name as losing_name, p.gaining_company_id, g.name as gaining_name,
			       p.users_moved, p.completed_at, p.billing_starts_on
			  from claimed c join pushes p on p.push_id = c.push_id
			  join companies l on l.company_id = p.losing_company_id
			  join companies g on g.company_id = p.gaining_company_id
			 order by c.push_id, c.audience""";

	private static final RowMapper<DueNotification> DUE = (rs, n) -> new DueNotification(
			rs.getObject("push_id", UUID.class), NotificationAudience.valueOf(rs.getString("audience")),
			rs.getString("recipient"), rs.getString("message_id"), rs.getInt("attempts"),
			rs.getObject("queued_at", OffsetDateTime.class).toInstant(), rs.getString("domain_name"),
			rs.getLong("losing_company_id"), rs.getString("losing_name"), rs.getLong("gaining_company_id"),
			rs.getString("gaining_name"), rs.getObject("users_moved", Integer.class),
			instant(rs.getObject("completed_at", OffsetDateTime.class)),
			rs.getObject("billing_starts_on", LocalDate.class));

	private final JdbcClient jdbc;

	public Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The gaining company's notification of each push, to {@code recipients} (null: the
	 * gaining company has no address, nothing is due; a push of a batch whose gaining
	 * company wants a digest: IN_DIGEST); a push that has one already keeps it.
	 * @return the pushes that are not stored at all: nothing can be sent for them
	 */
	public Set<UUID> record(List<UUID> pushIds, List<String> recipients) {
		// the worker stores the notification with the completion, so when the notifier
		// records it from the event the row is there already: the insert looks before it
		// joins, and the same statement answers which pushes are not stored
		UUID[] ids = pushIds.toArray(UUID[]::new);
		return new HashSet<>(jdbc.sql("""
				with e as (select * from unnest(:ids, :recipients, :messageIds) as e(id, recipient, message_id)),
				inserted as (
				    insert into notifications (push_id, audience, status, recipient, message_id)
				    select e.id, :gaining,
				           case when p.batch_id is not null and g.notification_mode = :digest then :inDigest
				                when e.recipient is null then :skipped else :pending end,
				           e.recipient, e.message_id
				      from e join pushes p on p.push_id = e.id
				      join companies g on g.company_id = p.gaining_company_id
				     where not exists (select 1 from notifications n where n.push_id = e.id and n.audience = :gaining)
				    on conflict (push_id, audience) do nothing)
				select e.id from e where not exists (select 1 from pushes p where p.push_id = e.id)""")
			.param("gaining", NotificationAudience.GAINING.name())
			.param("digest", NotificationMode.BATCH_DIGEST.name())
			.param("inDigest", NotificationStatus.IN_DIGEST.name())
			.param("skipped", NotificationStatus.SKIPPED.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("ids", ids)
			.param("recipients", recipients.toArray(String[]::new))
			.param("messageIds", Arrays.stream(ids).map(MessageIds::of).toArray(String[]::new))
			.query(UUID.class)
			.list());
	}

	/**
	 * The losing company's notice of each of these (completed) pushes whose losing
	 * company asked to be told of domains pushed out, to its notification address (none:
	 * SKIPPED; a push of a batch while the losing company wants a digest: IN_DIGEST); a
	 * push that has one already keeps it.
	 */
	public void recordDepartures(List<UUID> pushIds) {
		jdbc.sql("""
				insert into notifications (push_id, audience, status, recipient, message_id)
				select e.id, :losing,
				       case when p.batch_id is not null and c.notification_mode = :digest then :inDigest
				            when c.notification_email is null then :skipped else :pending end,
				       c.notification_email, e.message_id
				  from unnest(:ids, :messageIds) as e(id, message_id)
				  join pushes p on p.push_id = e.id
				  join companies c on c.company_id = p.losing_company_id
				 where c.notify_when_pushed_out
				on conflict (push_id, audience) do nothing""")
			.param("losing", NotificationAudience.LOSING.name())
			.param("digest", NotificationMode.BATCH_DIGEST.name())
			.param("inDigest", NotificationStatus.IN_DIGEST.name())
			.param("skipped", NotificationStatus.SKIPPED.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("ids", pushIds.toArray(UUID[]::new))
			.param("messageIds",
					pushIds.stream().map(id -> MessageIds.of(id, NotificationAudience.LOSING)).toArray(String[]::new))
			.update();
	}

	/**
	 * The notifications of completed pushes as their events carry them (pushes never
	 * stored are returned).
	 */
	public Set<UUID> record(Collection<PushCompleted> events) {
		return record(events.stream().map(PushCompleted::pushId).toList(),
				events.stream().map(PushCompleted::notificationEmail).toList());
	}

	/**
	 * Claims those of {@code pushIds} that are PENDING and not waiting for a later
	 * attempt.
	 */
	public List<DueNotification> claim(Collection<UUID> pushIds, int limit, Duration lease) {
		return jdbc
			.sql(CLAIM.formatted("push_id = any(:ids) and (next_attempt_at is null or next_attempt_at <= now())"))
			.param("ids", pushIds.toArray(UUID[]::new))
			.param("pending", NotificationStatus.PENDING.name())
			.param("limit", limit)
			.param("leaseMillis", lease.toMillis())
			.query(DUE)
			.list();
	}

	/**
	 * Claims notifications due again: their back-off or an abandoned claim has expired, a
	 * resend was asked for, or their event has not arrived after {@code orphanAge}.
	 */
	public List<DueNotification> claimDue(int limit, Duration lease, Duration orphanAge) {
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

	/** Records the outcomes of one attempt, in one statement. */
	public void record(List<NotificationOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update notifications n set status = o.status, last_error = o.error, updated_at = now(),
				       next_attempt_at = now() + o.retry_millis * interval '1 millisecond',
				       sent_at = case when o.status = :sent then now() else n.sent_at end
				  from unnest(:ids, :audiences, :statuses, :errors, :retries)
				       as o(push_id, audience, status, error, retry_millis)
				 where n.push_id = o.push_id and n.audience = o.audience and n.status = :pending""")
			.param("sent", NotificationStatus.SENT.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("ids", outcomes.stream().map(NotificationOutcome::pushId).toArray(UUID[]::new))
			.param("audiences", outcomes.stream().map(o -> o.audience().name()).toArray(String[]::new))
			.param("statuses", outcomes.stream().map(o -> o.status().name()).toArray(String[]::new))
			.param("errors", outcomes.stream().map(NotificationOutcome::error).toArray(String[]::new))
			.param("retries", outcomes.stream().map(NotificationOutcome::retryMillis).toArray(Long[]::new))
			.update();
	}

	/**
	 * Queues a FAILED notification of the gaining company again, to its current
	 * notification address, with a new retry window; the notifier attempts it within its
	 * poll interval (same Message-ID).
	 * @return whether the notification was FAILED and the company has an address
	 */
	public boolean resend(UUID pushId) {
		return jdbc.sql("""
				update notifications n set status = :pending, recipient = c.notification_email, queued_at = now(),
				       next_attempt_at = now(), last_error = null, updated_at = now()
				  from pushes p join companies c on c.company_id = p.gaining_company_id
				 where n.push_id = :id and n.audience = :gaining and p.push_id = n.push_id and n.status = :failed
				   and c.notification_email is not null""")
			.param("pending", NotificationStatus.PENDING.name())
			.param("failed", NotificationStatus.FAILED.name())
			.param("gaining", NotificationAudience.GAINING.name())
			.param("id", pushId)
			.update() == 1;
	}

	/**
	 * Notifications not yet sent, and the age in seconds of the oldest one's window (0
	 * when none).
	 */
	public Waiting waiting() {
		return jdbc.sql("""
				select count(*), coalesce(extract(epoch from now() - min(queued_at)), 0) from notifications
				 where status = :pending""")
			.param("pending", NotificationStatus.PENDING.name())
			.query((rs, n) -> new Waiting(rs.getLong(1), rs.getDouble(2)))
			.single();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	public record Waiting(long count, double oldestAgeSeconds) {
	}

}
