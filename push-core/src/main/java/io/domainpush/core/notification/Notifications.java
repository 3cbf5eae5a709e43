package io.domainpush.core.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryQueue;
import io.domainpush.core.delivery.QueueTable;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.delivery.Statuses;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.push.PushStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a notification row, in one place: the worker records one per completed
 * push (and the losing company's notice), the notifier works through them as a
 * {@link DeliveryQueue}, the API queues a FAILED one again. The claim reads, with each
 * notification, the push as the database has it, so every attempt, resend or notification
 * whose event never arrived renders the same email.
 */
@Repository
public class Notifications {

	private static final QueueTable<DueNotification> TABLE = new QueueTable<>("notifications", "d.delivery_id", """
			select c.delivery_id, c.push_id, c.audience, c.recipient, c.message_id, c.attempts, c.queued_at,
			       p.domain_name, p.losing_company_id, l.name as losing_name, p.gaining_company_id,
			       g.name as gaining_name, p.users_moved, p.completed_at, p.billing_starts_on, h.messages_moved,
			       h.bytes_moved, (select string_agg(x ->> 'key', ', ' order by x ->> 'key')
			                         from jsonb_array_elements(h.settings_changed) x) as settings_changed,
			       p.approval_deadline, p.not_before, c.trace_parent
			  from claimed c join pushes p on p.push_id = c.push_id
			  left join push_history h on h.push_id = c.push_id
			  join companies l on l.company_id = p.losing_company_id
			  join companies g on g.company_id = p.gaining_company_id
			 order by c.push_id, c.audience""",
			(rs, n) -> new DueNotification(rs.getObject("delivery_id", UUID.class), rs.getObject("push_id", UUID.class),
					NotificationAudience.valueOf(rs.getString("audience")), rs.getString("recipient"),
					rs.getString("message_id"), rs.getInt("attempts"),
					rs.getObject("queued_at", OffsetDateTime.class).toInstant(), rs.getString("domain_name"),
					rs.getLong("losing_company_id"), rs.getString("losing_name"), rs.getLong("gaining_company_id"),
					rs.getString("gaining_name"), rs.getObject("users_moved", Integer.class),
					instant(rs.getObject("completed_at", OffsetDateTime.class)),
					rs.getObject("billing_starts_on", LocalDate.class), rs.getObject("messages_moved", Long.class),
					rs.getObject("bytes_moved", Long.class), rs.getString("settings_changed"),
					instant(rs.getObject("approval_deadline", OffsetDateTime.class)),
					instant(rs.getObject("not_before", OffsetDateTime.class)), rs.getString("trace_parent")),
			new Statuses(NotificationStatus.SENT.name(), NotificationStatus.SKIPPED.name(),
					NotificationStatus.FAILED.name()));

	private final JdbcClient jdbc;

	private final DeliveryQueue<DueNotification> queue;

	public Notifications(JdbcClient jdbc, DeliveryProperties delivery) {
		this.jdbc = jdbc;
		this.queue = new DeliveryQueue<>(jdbc, TABLE, delivery.claimLease());
	}

	/** The notifications as a queue of deliveries. */
	public DeliveryQueue<DueNotification> queue() {
		return queue;
	}

	/**
	 * The gaining company's notification of each push, to {@code recipients} (null: the
	 * gaining company has no address, nothing is due; a push of a batch whose gaining
	 * company wants a digest: IN_DIGEST); a push that has one already keeps it.
	 * @return the pushes that are not stored at all: nothing can be sent for them
	 */
	public Set<UUID> record(List<UUID> pushIds, List<String> recipients, Map<UUID, String> traces) {
		return record(pushIds, recipients, traces, null);
	}

	/**
	 * The notifications of completed pushes as their events carry them (pushes never
	 * stored are returned). A push that completed more than {@code horizon} ago gets none
	 * here: its notification may have been purged after its retention, and a replayed
	 * event must not mail it again.
	 */
	public Set<UUID> record(Collection<PushCompleted> events, Map<UUID, String> traces, Duration horizon) {
		return record(events.stream().map(PushCompleted::pushId).toList(),
				events.stream().map(PushCompleted::notificationEmail).toList(), traces, horizon);
	}

	private Set<UUID> record(List<UUID> pushIds, List<String> recipients, Map<UUID, String> traces, Duration horizon) {
		// the worker stores the notification with the completion, so when the notifier
		// records it from the event the row is there already: the insert looks before it
		// joins, and the same statement answers which pushes are not stored
		UUID[] ids = pushIds.toArray(UUID[]::new);
		return new HashSet<>(jdbc
			.sql("""
					with e as (select * from unnest(:ids, :recipients, :messageIds, :traces)
					                as e(id, recipient, message_id, trace_parent)),
					inserted as (
					    insert into notifications (push_id, audience, company_id, status, recipient, message_id, trace_parent)
					    select e.id, :gaining, p.gaining_company_id,
					           case when p.batch_id is not null and g.notification_mode = :digest then :inDigest
					                when e.recipient is null then :skipped else :pending end,
					           e.recipient, e.message_id, e.trace_parent
					      from e join pushes p on p.push_id = e.id
					      join companies g on g.company_id = p.gaining_company_id
					     where not exists (select 1 from notifications n where n.push_id = e.id and n.audience = :gaining)
					       and (cast(:horizonMillis as bigint) is null
					            or p.completed_at > now() - cast(:horizonMillis as bigint) * interval '1 millisecond')
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
			.param("traces", tracesOf(ids, traces))
			.param("horizonMillis", horizon == null ? null : horizon.toMillis())
			.query(UUID.class)
			.list());
	}

	/**
	 * The losing company's notice of each of these (completed) pushes whose losing
	 * company asked to be told of domains pushed out, to its notification address (none:
	 * SKIPPED; a push of a batch while the losing company wants a digest: IN_DIGEST); a
	 * push that has one already keeps it.
	 */
	public void recordDepartures(List<UUID> pushIds, Map<UUID, String> traces) {
		UUID[] ids = pushIds.toArray(UUID[]::new);
		jdbc.sql("""
				insert into notifications (push_id, audience, company_id, status, recipient, message_id, trace_parent)
				select e.id, :losing, p.losing_company_id,
				       case when p.batch_id is not null and c.notification_mode = :digest then :inDigest
				            when c.notification_email is null then :skipped else :pending end,
				       c.notification_email, e.message_id, e.trace_parent
				  from unnest(:ids, :messageIds, :traces) as e(id, message_id, trace_parent)
				  join pushes p on p.push_id = e.id
				  join companies c on c.company_id = p.losing_company_id
				 where c.notify_when_pushed_out
				on conflict (push_id, audience) do nothing""")
			.param("losing", NotificationAudience.LOSING.name())
			.param("digest", NotificationMode.BATCH_DIGEST.name())
			.param("inDigest", NotificationStatus.IN_DIGEST.name())
			.param("skipped", NotificationStatus.SKIPPED.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("ids", ids)
			.param("messageIds",
					pushIds.stream().map(id -> MessageIds.of(id, NotificationAudience.LOSING)).toArray(String[]::new))
			.param("traces", tracesOf(ids, traces))
			.update();
	}

	/**
	 * The gaining company's request to approve each of these pushes, to its notification
	 * address (none: SKIPPED), once per push. A push no longer awaiting approval when its
	 * event is read, or of a batch while the gaining company wants digests (the Incoming
	 * page lists the batch's pushes; one email per domain of a bulk migration is what
	 * digest mode avoids), gets none: SKIPPED. A push submitted more than {@code horizon}
	 * ago gets none (a replayed event after the retention).
	 * @return the pushes that are not stored at all
	 */
	public Set<UUID> recordApprovalRequests(List<UUID> pushIds, Map<UUID, String> traces, Duration horizon) {
		UUID[] ids = pushIds.toArray(UUID[]::new);
		return new HashSet<>(jdbc
			.sql("""
					with e as (select * from unnest(:ids, :messageIds, :traces) as e(id, message_id, trace_parent)),
					inserted as (
					    insert into notifications (push_id, audience, company_id, status, recipient, message_id, trace_parent)
					    select e.id, :approval, p.gaining_company_id,
					           case when p.status <> :awaiting or g.notification_email is null
					                     or (p.batch_id is not null and g.notification_mode = :digest) then :skipped
					                else :pending end,
					           g.notification_email, e.message_id, e.trace_parent
					      from e join pushes p on p.push_id = e.id
					      join companies g on g.company_id = p.gaining_company_id
					     where p.submitted_at > now() - :horizonMillis * interval '1 millisecond'
					    on conflict (push_id, audience) do nothing)
					select e.id from e where not exists (select 1 from pushes p where p.push_id = e.id)""")
			.param("approval", NotificationAudience.APPROVAL.name())
			.param("awaiting", PushStatus.AWAITING_APPROVAL.name())
			.param("digest", NotificationMode.BATCH_DIGEST.name())
			.param("skipped", NotificationStatus.SKIPPED.name())
			.param("pending", NotificationStatus.PENDING.name())
			.param("ids", ids)
			.param("messageIds",
					Arrays.stream(ids)
						.map(id -> MessageIds.of(id, NotificationAudience.APPROVAL))
						.toArray(String[]::new))
			.param("traces", tracesOf(ids, traces))
			.param("horizonMillis", horizon.toMillis())
			.query(UUID.class)
			.list());
	}

	private static String[] tracesOf(UUID[] pushIds, Map<UUID, String> traces) {
		return Arrays.stream(pushIds).map(traces::get).toArray(String[]::new);
	}

	/**
	 * Claims those of the notifications of {@code pushIds} that are PENDING and not
	 * waiting for a later attempt: what the arrival of their events makes due.
	 */
	public Claim<DueNotification> claimFor(Collection<UUID> pushIds) {
		return queue.claim(Selection.waitingOrDue("d.push_id = any(:ids)", Map.of("ids", pushIds.toArray(UUID[]::new)),
				pushIds.size() * NotificationAudience.values().length));
	}

	/**
	 * Queues a FAILED notification of the gaining company again, to its current
	 * notification address, with a new retry window; the notifier attempts it within its
	 * poll interval (same Message-ID).
	 * @return whether the notification was FAILED and the company has an address
	 */
	public boolean resend(UUID pushId) {
		return jdbc
			.sql("""
					update notifications n set status = :pending, recipient = c.notification_email, queued_at = now(),
					       next_attempt_at = now(), last_error = null, last_code = null, claim_token = null, updated_at = now()
					  from pushes p join companies c on c.company_id = p.gaining_company_id
					 where n.push_id = :id and n.audience = :gaining and p.push_id = n.push_id and n.status = :failed
					   and c.notification_email is not null""")
			.param("pending", NotificationStatus.PENDING.name())
			.param("failed", NotificationStatus.FAILED.name())
			.param("gaining", NotificationAudience.GAINING.name())
			.param("id", pushId)
			.update() == 1;
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

}
