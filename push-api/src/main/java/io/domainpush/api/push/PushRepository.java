package io.domainpush.api.push;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PushRepository {

	private static final String SELECT = """
			select p.push_id, p.status, p.domain_name, p.losing_company_id, p.gaining_company_id, p.batch_id,
			       p.submitted_at, p.completed_at, p.reason, p.users_moved, p.billing_starts_on, p.request_hash,
			       n.status as n_status, n.recipient as n_to, n.sent_at as n_sent_at, n.last_error as n_error
			  from pushes p left join notifications n on n.push_id = p.push_id
			""";

	private static final RowMapper<StoredPush> MAPPER = (rs, n) -> new StoredPush(
			new PushView(rs.getObject("push_id", UUID.class), rs.getString("status"), rs.getString("domain_name"),
					rs.getLong("losing_company_id"), rs.getLong("gaining_company_id"),
					rs.getObject("batch_id", UUID.class), rs.getObject("submitted_at", OffsetDateTime.class),
					rs.getObject("completed_at", OffsetDateTime.class), rs.getString("reason"),
					rs.getObject("users_moved", Integer.class), rs.getObject("billing_starts_on", LocalDate.class),
					rs.getString("n_status") == null ? null
							: new PushView.Notification(rs.getString("n_status"), rs.getString("n_to"),
									rs.getObject("n_sent_at", OffsetDateTime.class), rs.getString("n_error"))),
			rs.getString("request_hash"));

	private final JdbcClient jdbc;

	PushRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredPush> find(UUID pushId) {
		return jdbc.sql(SELECT + " where p.push_id = :id").param("id", pushId).query(MAPPER).optional();
	}

	Optional<StoredPush> findByIdempotencyKey(String scope, String key) {
		return jdbc.sql(SELECT + " where p.idempotency_scope = :scope and p.idempotency_key = :key")
			.param("scope", scope)
			.param("key", key)
			.query(MAPPER)
			.optional();
	}

	boolean hasActivePush(long domainId) {
		return jdbc.sql("select exists (select 1 from pushes where domain_id = :id and status = 'ACCEPTED')")
			.param("id", domainId)
			.query(Boolean.class)
			.single();
	}

	void insert(UUID pushId, long domainId, String domain, long losing, long gaining, String scope, String key,
			String requestHash, UUID submittedBy, Instant submittedAt) {
		jdbc.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    idempotency_scope, idempotency_key, request_hash, submitted_by, submitted_at)
				values (:id, :domainId, :domain, :losing, :gaining, 'ACCEPTED', :scope, :key, :hash, :by, :at)""")
			.param("id", pushId)
			.param("domainId", domainId)
			.param("domain", domain)
			.param("losing", losing)
			.param("gaining", gaining)
			.param("scope", key == null ? null : scope)
			.param("key", key)
			.param("hash", requestHash)
			.param("by", submittedBy)
			.param("at", OffsetDateTime.ofInstant(submittedAt, java.time.ZoneOffset.UTC))
			.update();
	}

	/**
	 * Cancels only while still ACCEPTED; waits for a worker holding the row, then sees
	 * its outcome.
	 */
	boolean cancel(UUID pushId) {
		return jdbc.sql("""
				update pushes set status = 'CANCELLED', completed_at = now()
				 where push_id = :id and status = 'ACCEPTED'""").param("id", pushId).update() == 1;
	}

	/**
	 * Queues a FAILED notification again, to the gaining company's current notification
	 * address, with a new retry window; the notifier attempts it within its poll interval
	 * (same Message-ID).
	 * @return whether the notification was FAILED and the company has an address
	 */
	boolean resendNotification(UUID pushId) {
		return jdbc.sql("""
				update notifications n set status = 'PENDING', recipient = c.notification_email, queued_at = now(),
				       next_attempt_at = now(), last_error = null, updated_at = now()
				  from pushes p join companies c on c.company_id = p.gaining_company_id
				 where n.push_id = :id and p.push_id = n.push_id and n.status = 'FAILED'
				   and c.notification_email is not null""").param("id", pushId).update() == 1;
	}

	List<StoredPush> list(Long companyId, PushFilter filter, PageRequest page) {
		StringBuilder sql = new StringBuilder(SELECT).append(" where true");
		if (companyId != null) {
			sql.append(" and (p.losing_company_id = :company or p.gaining_company_id = :company)");
		}
		if (filter.domain() != null) {
			sql.append(" and p.domain_name = :domain");
		}
		if (filter.status() != null) {
			sql.append(" and p.status = :status");
		}
		if (filter.batchId() != null) {
			sql.append(" and p.batch_id = :batch");
		}
		sql.append(" order by p.submitted_at desc, p.push_id limit :limit offset :offset");
		JdbcClient.StatementSpec statement = jdbc.sql(sql.toString())
			.param("limit", page.limit())
			.param("offset", page.offset());
		if (companyId != null) {
			statement = statement.param("company", companyId);
		}
		if (filter.domain() != null) {
			statement = statement.param("domain", filter.domain());
		}
		if (filter.status() != null) {
			statement = statement.param("status", filter.status());
		}
		if (filter.batchId() != null) {
			statement = statement.param("batch", filter.batchId());
		}
		return statement.query(MAPPER).list();
	}

	record StoredPush(PushView view, String requestHash) {
	}

	record PushFilter(String domain, String status, UUID batchId) {
	}

}
