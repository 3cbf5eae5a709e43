package io.domainpush.api.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.domainpush.api.common.Caller;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.domain.DomainService;
import io.domainpush.api.web.JsonColumns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happened to a domain or a company, newest first: the pushes of the domain (asked
 * for, then completed, rejected, cancelled or failed), and for a company its audit trail
 * (settings, tokens, accounts, pushes it asked for) with every push into or out of it.
 * Sign-ins are not changes and are left out. Who did it is the account's username, an API
 * token's label, or Domain Push itself for what the worker did.
 */
@Service
public class ChangeHistory {

	/** The system itself: the worker completing, rejecting or giving up on a push. */
	static final String SYSTEM = "domain-push";

	private static final String ACTOR = """
			coalesce((select username from accounts where account_id = %1$s),
			         (select 'API token ' || label from api_tokens where token_id = %1$s),
			         case when %1$s is null then '%2$s' else 'a removed account' end)""";

	/** Audit actions that changed something (sign-ins and failed attempts did not). */
	private static final String CHANGES = "action not like 'SIGN_IN%' and action not like '%_FAILED'";

	private final JdbcClient jdbc;

	private final CompanyLookup companies;

	private final DomainService domains;

	private final JsonColumns json;

	ChangeHistory(JdbcClient jdbc, CompanyLookup companies, DomainService domains, JsonColumns json) {
		this.jdbc = jdbc;
		this.companies = companies;
		this.domains = domains;
		this.json = json;
	}

	/** The domain's pushes, for whoever may see the domain now (404 otherwise). */
	@Transactional(readOnly = true)
	public Changes ofDomain(Caller caller, String domain, long first, int limit) {
		String name = domains.get(caller, domain).name();
		long total = jdbc.sql("select count(*) + count(completed_at) from pushes where domain_name = :domain")
			.param("domain", name)
			.query(Long.class)
			.single();
		List<Change> changes = jdbc
			.sql("""
					select * from (
					  select p.submitted_at as at, 'REQUESTED' as event, p.domain_name, p.losing_company_id,
					         p.gaining_company_id, p.reason, p.users_moved, p.billing_starts_on, p.batch_id is not null as bulk,
					         %s as actor
					    from pushes p where p.domain_name = :domain
					  union all
					  select p.completed_at, p.status, p.domain_name, p.losing_company_id, p.gaining_company_id, p.reason,
					         p.users_moved, p.billing_starts_on, p.batch_id is not null, :system
					    from pushes p where p.domain_name = :domain and p.completed_at is not null
					) e order by at desc, event limit :limit offset :first"""
				.formatted(ACTOR.formatted("p.submitted_by", SYSTEM)))
			.param("domain", name)
			.param("system", SYSTEM)
			.param("limit", limit)
			.param("first", first)
			.query((rs, n) -> new Change(rs.getObject("at", OffsetDateTime.class),
					pushMessage(rs.getString("event"), rs.getString("domain_name"), rs.getLong("losing_company_id"),
							rs.getLong("gaining_company_id"), rs.getString("reason"),
							rs.getObject("users_moved", Integer.class),
							rs.getObject("billing_starts_on", LocalDate.class), rs.getBoolean("bulk")),
					rs.getString("actor")))
			.list();
		return new Changes(changes, total);
	}

	/**
	 * The company's changes and the pushes into or out of it, for its admins and the
	 * operator (404 otherwise). Each side is read newest first up to the page's end, so a
	 * page costs the same however long the history is.
	 */
	@Transactional(readOnly = true)
	public Changes ofCompany(Caller caller, long companyId, long first, int limit) {
		companies.requireVisible(caller, companyId);
		long total = jdbc
			.sql("""
					select (select count(*) from audit_log where company_id = :company and %s)
					     + (select count(*) from pushes where (losing_company_id = :company or gaining_company_id = :company)
					                                      and completed_at is not null)"""
				.formatted(CHANGES))
			.param("company", companyId)
			.query(Long.class)
			.single();
		List<Change> changes = jdbc
			.sql("""
					select * from (
					  (select a.at, a.action as event, a.target, a.after::text as after, null as domain_name,
					          0::bigint as losing_company_id, 0::bigint as gaining_company_id, null as reason,
					          null::integer as users_moved, null::date as billing_starts_on, false as bulk, %s as actor
					     from audit_log a where a.company_id = :company and %s
					    order by a.audit_id desc limit :end)
					  union all
					  (select p.completed_at, 'PUSH_' || p.status, null, null, p.domain_name, p.losing_company_id,
					          p.gaining_company_id, p.reason, p.users_moved, p.billing_starts_on, p.batch_id is not null, :system
					     from pushes p
					    where (p.losing_company_id = :company or p.gaining_company_id = :company) and p.completed_at is not null
					    order by p.completed_at desc limit :end)
					) e order by at desc limit :limit offset :first"""
				.formatted(ACTOR.formatted("coalesce(a.actor_account_id, a.actor_token_id)", "operator"), CHANGES))
			.param("company", companyId)
			.param("system", SYSTEM)
			.param("end", first + limit)
			.param("limit", limit)
			.param("first", first)
			.query((rs, n) -> {
				String event = rs.getString("event");
				String message = event.startsWith("PUSH_") && rs.getString("domain_name") != null
						? pushMessage(event.substring("PUSH_".length()), rs.getString("domain_name"),
								rs.getLong("losing_company_id"), rs.getLong("gaining_company_id"),
								rs.getString("reason"), rs.getObject("users_moved", Integer.class),
								rs.getObject("billing_starts_on", LocalDate.class), rs.getBoolean("bulk"))
						: auditMessage(event, rs.getString("target"), json.read(rs.getString("after")));
				return new Change(rs.getObject("at", OffsetDateTime.class), message, rs.getString("actor"));
			})
			.list();
		return new Changes(changes, total);
	}

	static String pushMessage(String event, String domain, long losing, long gaining, String reason, Integer usersMoved,
			LocalDate billingFrom, boolean bulk) {
		return switch (event) {
			case "REQUESTED" -> "Push of " + domain + " from company " + losing + " to company " + gaining
					+ " requested" + (bulk ? " in a bulk migration" : "");
			case "COMPLETED" -> domain + " pushed from company " + losing + " to company " + gaining + ": " + usersMoved
					+ (usersMoved != null && usersMoved == 1 ? " user" : " users") + " moved, billed to company "
					+ gaining + " from " + billingFrom;
			case "REJECTED" -> "Push of " + domain + " to company " + gaining + " rejected: " + reason;
			case "CANCELLED" -> "Push of " + domain + " to company " + gaining + " cancelled";
			case "DECLINED" -> "Push of " + domain + " to company " + gaining + " declined by company " + gaining;
			case "EXPIRED" -> "Push of " + domain + " to company " + gaining + " expired: not approved in time";
			default -> "Push of " + domain + " to company " + gaining + " failed: " + reason;
		};
	}

	static String auditMessage(String action, String target, Object after) {
		String words = action.charAt(0) + action.substring(1).toLowerCase().replace('_', ' ');
		String what = words + (target == null ? "" : " (" + target + ")");
		if (after instanceof Map<?, ?> details && !details.isEmpty()) {
			return what + ": "
					+ details.entrySet()
						.stream()
						.map(e -> e.getKey() + " " + e.getValue())
						.reduce((a, b) -> a + ", " + b)
						.orElse("");
		}
		return what;
	}

	/** One change: when, what, by whom. */
	public record Change(OffsetDateTime time, String message, String user) {
	}

	/** A page of changes and how many there are in all. */
	public record Changes(List<Change> changes, long total) {
	}

}
