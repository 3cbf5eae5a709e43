package io.domainpush.api.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.brand.CompanyLookup;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.JsonColumns;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail: a company's own entries for its admins, all entries for the operator.
 * Newest first.
 */
@RestController
class AuditController {

	private static final String SELECT = """
			select audit_id, at, actor_token_id, actor_company_id, company_id, action, target,
			       before::text as before, after::text as after from audit_log""";

	private final JdbcClient jdbc;

	private final CompanyLookup companies;

	private final ApiLimits limits;

	private final RowMapper<Entry> mapper;

	AuditController(JdbcClient jdbc, CompanyLookup companies, ApiLimits limits, JsonColumns json) {
		this.jdbc = jdbc;
		this.companies = companies;
		this.limits = limits;
		this.mapper = (rs, n) -> new Entry(rs.getLong("audit_id"), rs.getObject("at", OffsetDateTime.class),
				rs.getObject("actor_token_id", UUID.class), rs.getObject("actor_company_id", Long.class),
				rs.getObject("company_id", Long.class), rs.getString("action"), rs.getString("target"),
				json.read(rs.getString("before")), json.read(rs.getString("after")));
	}

	@GetMapping("/api/v1/companies/{companyId}/audit")
	@Transactional(readOnly = true)
	Page<Entry> company(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		companies.requireVisible(caller, companyId);
		PageRequest request = PageRequest.of(page, size, limits);
		List<Entry> rows = jdbc
			.sql(SELECT + " where company_id = :company order by audit_id desc limit :limit offset :offset")
			.param("company", companyId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(mapper)
			.list();
		return Page.of(rows, request);
	}

	@GetMapping("/api/v1/audit")
	@Transactional(readOnly = true)
	Page<Entry> all(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		caller.requireOperator();
		PageRequest request = PageRequest.of(page, size, limits);
		return Page.of(jdbc.sql(SELECT + " order by audit_id desc limit :limit offset :offset")
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(mapper)
			.list(), request);
	}

	/** One audit entry; {@code actorCompanyId} null means the operator acted. */
	record Entry(long auditId, OffsetDateTime at, UUID actorTokenId, Long actorCompanyId, Long companyId, String action,
			String target, Object before, Object after) {
	}

}
