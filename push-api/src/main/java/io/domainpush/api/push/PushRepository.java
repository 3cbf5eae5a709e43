package io.domainpush.api.push;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import java.util.Optional;
import java.util.UUID;

import io.domainpush.api.web.Keyset;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.notification.NotificationAudience;
import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.rules.SettingsPreview;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pushes as the API shows them, with their notification: the read side of the push
 * feature. Every change of a push or notification row goes through push-core
 * ({@code Pushes}, {@code Notifications}).
 */
@Repository
class PushRepository {

	/**
	 * A push with the gaining company's notification (the losing side's notice is not
	 * shown), from {@code p}.
	 */
	private static final String COLUMNS = """
			select p.push_id, p.status, p.domain_name, p.losing_company_id, p.gaining_company_id, p.batch_id,
			       p.submitted_at, p.completed_at, p.reason, p.users_moved, p.billing_starts_on, p.request_hash,
			       p.not_before, p.approval_deadline, p.decided_at,
			       n.status as n_status, n.recipient as n_to, n.sent_at as n_sent_at, n.last_error as n_error
			""";

	private static final String WITH_NOTIFICATION = " left join notifications n on n.push_id = p.push_id and n.audience = '"
			+ NotificationAudience.GAINING.name() + "'";

	private static final String SELECT = COLUMNS + " from pushes p" + WITH_NOTIFICATION;

	/**
	 * Lists of pushes: newest first, by key (indexes on each side's column, then this).
	 */
	static final Keyset NEWEST_FIRST = new Keyset(List.of("p.submitted_at", "p.push_id"), true,
			cursor -> List.of(cursor.time(0), cursor.uuid(1)));

	private static final RowMapper<StoredPush> MAPPER = (rs, n) -> new StoredPush(new PushView(
			rs.getObject("push_id", UUID.class), PushStatus.valueOf(rs.getString("status")),
			rs.getString("domain_name"), rs.getLong("losing_company_id"), rs.getLong("gaining_company_id"),
			rs.getObject("batch_id", UUID.class), rs.getObject("submitted_at", OffsetDateTime.class),
			rs.getObject("completed_at", OffsetDateTime.class), rs.getString("reason"),
			rs.getObject("users_moved", Integer.class), rs.getObject("billing_starts_on", LocalDate.class),
			rs.getObject("not_before", OffsetDateTime.class), rs.getObject("approval_deadline", OffsetDateTime.class),
			rs.getObject("decided_at", OffsetDateTime.class),
			rs.getString("n_status") == null ? null
					: new PushView.Notification(NotificationStatus.valueOf(rs.getString("n_status")),
							rs.getString("n_to"), rs.getObject("n_sent_at", OffsetDateTime.class),
							rs.getString("n_error"))),
			rs.getString("request_hash"));

	private static final JsonMapper REPORT_JSON = JsonMapper.builder().build();

	private static final TypeReference<List<SettingsPreview.Change>> CHANGES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	PushRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredPush> find(UUID pushId) {
		return jdbc.sql(SELECT + " where p.push_id = :id").param("id", pushId).query(MAPPER).optional();
	}

	/** The domain's most recent push, whatever its status. */
	Optional<StoredPush> latestOf(String domain) {
		return jdbc.sql(SELECT + " where p.domain_name = :domain order by p.submitted_at desc, p.push_id desc limit 1")
			.param("domain", domain)
			.query(MAPPER)
			.optional();
	}

	Optional<StoredPush> findByIdempotencyKey(String scope, String key) {
		return jdbc.sql(SELECT + " where p.idempotency_scope = :scope and p.idempotency_key = :key")
			.param("scope", scope)
			.param("key", key)
			.query(MAPPER)
			.optional();
	}

	/**
	 * Pushes where {@code companyId} is a side (all when null), matching the filter,
	 * newest first, with their notification.
	 */
	List<StoredPush> list(Long companyId, PushFilter filter, PageRequest page) {
		return NEWEST_FIRST.inOrder(statement("", companyId, filter, page).query(MAPPER).list(), page);
	}

	/**
	 * The statement of {@link #list} after {@code prefix} (a test's {@code explain}). The
	 * page's keys are cut first, each side read on its own along its index in key order
	 * (a condition "either side" would read and sort every push of the company): a page
	 * by number skips its offset over index entries alone, not rows (a push has two
	 * sides, never one company on both: pushes_sides_differ). Then only the page's rows
	 * are read and joined to their notification.
	 */
	JdbcClient.StatementSpec statement(String prefix, Long companyId, PushFilter filter, PageRequest page) {
		String conditions = conditions(filter) + NEWEST_FIRST.condition(page);
		String eachSide = NEWEST_FIRST.orderBy(page) + " limit :inner";
		String keys = "select p.submitted_at, p.push_id from pushes p where ";
		Direction direction = filter.direction() == null ? Direction.BOTH : filter.direction();
		// a batch's or a domain's pushes are few: their own index finds them first
		boolean few = filter.batchId() != null || filter.domain() != null;
		String sides;
		if (companyId == null) {
			sides = keys + "true" + conditions + eachSide;
		}
		else if (direction == Direction.BOTH && !few) {
			sides = "(" + keys + side(Direction.OUTGOING) + conditions + eachSide + ") union all (" + keys
					+ side(Direction.INCOMING) + conditions + eachSide + ")";
		}
		else {
			sides = keys + side(direction) + conditions + eachSide;
		}
		String pageKeys = "select p.push_id from (" + sides + ") p" + NEWEST_FIRST.orderBy(page)
				+ NEWEST_FIRST.limit(page);
		String sql = prefix + SELECT + " where p.push_id in (" + pageKeys + ")" + NEWEST_FIRST.orderBy(page);
		JdbcClient.StatementSpec statement = NEWEST_FIRST.bind(jdbc.sql(sql), page)
			.param("inner", page.position() == null ? page.offset() + page.limit() : page.limit());
		if (companyId != null) {
			statement = statement.param("company", companyId);
		}
		if (filter.domain() != null) {
			statement = statement.param("domain", filter.domain());
		}
		if (filter.status() != null) {
			statement = statement.param("status", filter.status().name());
		}
		if (filter.batchId() != null) {
			statement = statement.param("batch", filter.batchId());
		}
		return statement;
	}

	/** The condition that the company is on {@code direction}'s side of a push. */
	private static String side(Direction direction) {
		return switch (direction) {
			case OUTGOING -> "p.losing_company_id = :company";
			case INCOMING -> "p.gaining_company_id = :company";
			case BOTH -> "(" + side(Direction.OUTGOING) + " or " + side(Direction.INCOMING) + ")";
		};
	}

	/** The statement holds only the conditions asked for, so each can use its index. */
	private static String conditions(PushFilter filter) {
		StringBuilder sql = new StringBuilder();
		if (filter.domain() != null) {
			sql.append(" and p.domain_name = :domain");
		}
		if (filter.status() != null) {
			sql.append(" and p.status = :status");
		}
		if (filter.batchId() != null) {
			sql.append(" and p.batch_id = :batch");
		}
		return sql.toString();
	}

	record StoredPush(PushView view, String requestHash) {
	}

	/** {@code direction} null: both. */
	record PushFilter(String domain, PushStatus status, UUID batchId, Direction direction) {
	}

	/** Pushes a company loses domains by, gains domains by, or both. */
	enum Direction {

		OUTGOING, INCOMING, BOTH

	}

	/** The report of a completed push, if it was applied. */
	Optional<PushReport> report(UUID pushId) {
		return jdbc.sql("""
				select h.push_id, p.domain_name, h.from_company_id, h.to_company_id, h.users_moved, h.messages_moved,
				       h.bytes_moved, h.from_brand_id, h.to_brand_id, h.settings_changed::text as settings_changed,
				       h.applied_at, p.billing_starts_on
				  from push_history h join pushes p using (push_id)
				 where h.push_id = :push""")
			.param("push", pushId)
			.query((rs, n) -> new PushReport(rs.getObject("push_id", UUID.class), rs.getString("domain_name"),
					rs.getLong("from_company_id"), rs.getLong("to_company_id"), rs.getInt("users_moved"),
					rs.getObject("messages_moved", Long.class), rs.getObject("bytes_moved", Long.class),
					new PushReport.Brand(rs.getObject("from_brand_id") == null ? "NONE" : "FROZEN",
							rs.getObject("from_brand_id", Long.class), rs.getObject("to_brand_id", Long.class)),
					changes(rs.getString("settings_changed")), rs.getObject("applied_at", OffsetDateTime.class),
					rs.getObject("billing_starts_on", LocalDate.class)))
			.optional();
	}

	private static List<SettingsPreview.Change> changes(String json) {
		return json == null ? null : REPORT_JSON.readValue(json, CHANGES);
	}

}
