package io.domainpush.notifier.mail;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * The notifications table as a queue. Each method is one statement, so no transaction is
 * ever held while an SMTP server is talked to: a notification is claimed (its
 * {@code next_attempt_at} moved one lease ahead, which keeps every other claimer away),
 * sent, then its outcome recorded. A sender that dies in between leaves the claim to
 * expire: the notification is attempted again, with the same Message-ID.
 */
@Repository
class NotificationQueue {

	private static final String CLAIM = """
			with claimed as (
			    update notifications n set attempts = n.attempts + 1, updated_at = now(),
			           next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			     where n.push_id in (select push_id from notifications
			                          where status = 'PENDING' and (%s)
			                          order by push_id limit :limit for update skip locked)
			    returning n.push_id, n.recipient, n.message_id, n.attempts, n.queued_at)
			select c.push_id, c.recipient, c.message_id, c.attempts, c.queued_at, p.domain_name,
			       p.losing_company_id, l.name as losing_name, p.gaining_company_id, g.name as gaining_name,
			       p.users_moved, p.completed_at, p.billing_starts_on
			  from claimed c join pushes p on p.push_id = c.push_id
			  join companies l on l.company_id = p.losing_company_id
			  join companies g on g.company_id = p.gaining_company_id
			 order by c.push_id""";

	private static final RowMapper<DueNotification> DUE = (rs, n) -> new DueNotification(
			rs.getObject("push_id", UUID.class), rs.getString("recipient"), rs.getString("message_id"),
			rs.getInt("attempts"), rs.getObject("queued_at", OffsetDateTime.class).toInstant(),
			rs.getString("domain_name"), rs.getLong("losing_company_id"), rs.getString("losing_name"),
			rs.getLong("gaining_company_id"), rs.getString("gaining_name"), rs.getObject("users_moved", Integer.class),
			instant(rs.getObject("completed_at", OffsetDateTime.class)),
			rs.getObject("billing_starts_on", LocalDate.class));

	private final JdbcClient jdbc;

	NotificationQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes sure each completed push has its notification row (the worker writes it with
	 * the push; an event from before that, or from a restored backup, still gets one).
	 * @return the pushes of {@code events} that are not stored at all: nothing can be
	 * sent for them
	 */
	Set<UUID> register(Collection<PushCompleted> events) {
		UUID[] ids = events.stream().map(PushCompleted::pushId).toArray(UUID[]::new);
		jdbc.sql("""
				insert into notifications (push_id, status, recipient, message_id)
				select e.id, case when e.recipient is null then 'SKIPPED' else 'PENDING' end, e.recipient,
				       '<' || e.id || '@domain-push>'
				  from unnest(:ids, :recipients) as e(id, recipient) join pushes p on p.push_id = e.id
				on conflict (push_id) do nothing""")
			.param("ids", ids)
			.param("recipients", events.stream().map(PushCompleted::notificationEmail).toArray(String[]::new))
			.update();
		Set<UUID> unknown = new HashSet<>(List.of(ids));
		unknown.removeAll(jdbc.sql("select push_id from pushes where push_id = any(:ids)")
			.param("ids", ids)
			.query(UUID.class)
			.list());
		return unknown;
	}

	/**
	 * Claims those of {@code pushIds} that are PENDING and not waiting for a later
	 * attempt.
	 */
	List<DueNotification> claim(Collection<UUID> pushIds, int limit, Duration lease) {
		return jdbc
			.sql(CLAIM.formatted("push_id = any(:ids) and (next_attempt_at is null or next_attempt_at <= now())"))
			.param("ids", pushIds.toArray(UUID[]::new))
			.param("limit", limit)
			.param("leaseMillis", lease.toMillis())
			.query(DUE)
			.list();
	}

	/**
	 * Claims notifications due again: their back-off or an abandoned claim has expired, a
	 * resend was asked for, or their event has not arrived after {@code orphanAge}.
	 */
	List<DueNotification> claimDue(int limit, Duration lease, Duration orphanAge) {
		return jdbc.sql(CLAIM.formatted("""
				next_attempt_at <= now()
				or (next_attempt_at is null and created_at < now() - :orphanMillis * interval '1 millisecond')"""))
			.param("limit", limit)
			.param("leaseMillis", lease.toMillis())
			.param("orphanMillis", orphanAge.toMillis())
			.query(DUE)
			.list();
	}

	/** Records the outcomes of one send, in one statement. */
	void record(List<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update notifications n set status = o.status, last_error = o.error, updated_at = now(),
				       next_attempt_at = now() + o.retry_millis * interval '1 millisecond',
				       sent_at = case when o.status = 'SENT' then now() else n.sent_at end
				  from unnest(:ids, :statuses, :errors, :retries) as o(push_id, status, error, retry_millis)
				 where n.push_id = o.push_id and n.status = 'PENDING'""")
			.param("ids", outcomes.stream().map(Outcome::pushId).toArray(UUID[]::new))
			.param("statuses", outcomes.stream().map(Outcome::status).toArray(String[]::new))
			.param("errors", outcomes.stream().map(Outcome::error).toArray(String[]::new))
			.param("retries", outcomes.stream().map(Outcome::retryMillis).toArray(Long[]::new))
			.update();
	}

	private static java.time.Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	/**
	 * @param status SENT, SKIPPED, FAILED, or PENDING (to be attempted again)
	 * @param retryMillis for PENDING, the wait before the next attempt; null otherwise
	 */
	record Outcome(UUID pushId, String status, String error, Long retryMillis) {

		static Outcome sent(UUID pushId) {
			return new Outcome(pushId, "SENT", null, null);
		}

		static Outcome skipped(UUID pushId) {
			return new Outcome(pushId, "SKIPPED", null, null);
		}

		static Outcome failed(UUID pushId, String error) {
			return new Outcome(pushId, "FAILED", error, null);
		}

		static Outcome retryAfter(UUID pushId, String error, Duration wait) {
			return new Outcome(pushId, "PENDING", error, wait.toMillis());
		}

	}

}
