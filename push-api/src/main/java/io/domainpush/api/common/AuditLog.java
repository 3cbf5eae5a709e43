package io.domainpush.api.common;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who changed what, in the caller's transaction (the entry exists if and only if
 * the change does), and writes one log line per entry with every control character
 * escaped, so input cannot forge log lines.
 */
@Component
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger("audit");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Caller caller, Long companyId, String action, String target, Object before, Object after) {
		jdbc.sql(
				"""
						insert into audit_log (actor_token_id, actor_account_id, actor_company_id, company_id, action, target,
						                       before, after)
						values (:token, :account, :actor, :company, :action, :target, cast(:before as jsonb), cast(:after as jsonb))""")
			.param("token", caller.via() == Caller.Via.TOKEN ? caller.actorId() : null)
			.param("account", caller.via() == Caller.Via.ACCOUNT ? caller.actorId() : null)
			.param("actor", caller.companyId())
			.param("company", companyId)
			.param("action", action)
			.param("target", target)
			.param("before", before == null ? null : json.writeValueAsString(before))
			.param("after", after == null ? null : json.writeValueAsString(after))
			.update();
		log.info("action={} company={} target={} actor_{}={} actor_company={}", action, companyId, escape(target),
				caller.via() == Caller.Via.TOKEN ? "token" : "account", caller.actorId(),
				caller.isOperator() ? "operator" : caller.companyId());
	}

	/**
	 * Records what time did, not a person (a planned push going ahead, an approval
	 * expiring): entries without an actor, one per company and target, in one statement
	 * and one log line.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordBySystem(String action, List<Long> companyIds, List<String> targets) {
		if (targets.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into audit_log (company_id, action, target)
				select company_id, :action, target from unnest(:companies, :targets) as e(company_id, target)""")
			.param("action", action)
			.param("companies", companyIds.toArray(Long[]::new))
			.param("targets", targets.toArray(String[]::new))
			.update();
		log.info("action={} entries={} actor=system", action, targets.size());
	}

	/** Control characters (CR, LF, ESC ...) become \\uXXXX: one entry, one line. */
	static String escape(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder escaped = new StringBuilder(value.length());
		value.codePoints().forEach(c -> {
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				escaped.append(String.format("\\u%04x", c));
			}
			else {
				escaped.appendCodePoint(c);
			}
		});
		return escaped.toString();
	}

}
