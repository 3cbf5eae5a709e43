package io.domainpush.api.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.JsonColumns;
import io.domainpush.api.web.Keyset;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the audit trail: a company's own entries for its admins, all entries for the
 * operator.
 */
@Service
class AuditTrail {

	private static final String COLUMNS = """
			audit_id, at, actor_token_id, actor_account_id, actor_company_id, company_id, action, target,
			before::text as before, after::text as after""";

	private static final Keyset NEWEST_FIRST = new Keyset(List.of("audit_id"), true,
			cursor -> List.of(cursor.number(0)));

	private final JdbcClient jdbc;

	private final CompanyLookup companies;

	private final RowMapper<Entry> mapper;

	AuditTrail(JdbcClient jdbc, CompanyLookup companies, JsonColumns json) {
		this.jdbc = jdbc;
		this.companies = companies;
		this.mapper = (rs, n) -> new Entry(rs.getLong("audit_id"), rs.getObject("at", OffsetDateTime.class),
				rs.getObject("actor_token_id", UUID.class), rs.getObject("actor_account_id", UUID.class),
				rs.getObject("actor_company_id", Long.class), rs.getObject("company_id", Long.class),
				rs.getString("action"), rs.getString("target"), json.read(rs.getString("before")),
				json.read(rs.getString("after")));
	}

	/** The company's entries, newest first. */
	@Transactional(readOnly = true)
	Page<Entry> ofCompany(Caller caller, long companyId, PageRequest page) {
		companies.requireVisible(caller, companyId);
		return page("company_id = :company", page, companyId);
	}

	/** Every entry, newest first (operator only). */
	@Transactional(readOnly = true)
	Page<Entry> all(Caller caller, PageRequest page) {
		caller.requireOperator();
		return page("true", page, null);
	}

	private Page<Entry> page(String filter, PageRequest page, Long companyId) {
		JdbcClient.StatementSpec statement = NEWEST_FIRST
			.bind(jdbc.sql(NEWEST_FIRST.select(COLUMNS, "audit_log", filter, page)), page);
		if (companyId != null) {
			statement = statement.param("company", companyId);
		}
		return Page.of(NEWEST_FIRST.inOrder(statement.query(mapper).list(), page), page,
				entry -> Cursor.of(entry.auditId()));
	}

	/**
	 * One audit entry: the actor acted through a token or a signed-in account (one of the
	 * two ids is set, neither for a sign-in that failed); {@code actorCompanyId} null
	 * means the operator acted.
	 */
	record Entry(long auditId, OffsetDateTime at, UUID actorTokenId, UUID actorAccountId, Long actorCompanyId,
			Long companyId, String action, String target, Object before, Object after) {
	}

}
