package io.domainpush.api.oma;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.domainpush.api.audit.ChangeHistory;
import io.domainpush.api.web.ApiLimits;

import org.springframework.stereotype.Component;

/**
 * {@code get_domain_changes} and {@code get_company_changes}: what happened to a domain
 * (its pushes) or a company (its changes and the pushes into or out of it), newest first,
 * as OMA's entries {@code {application, msg, time, user}} with {@code range} and
 * {@code count}/{@code total_count}. Visible as {@code get_domain} and
 * {@code get_company} are.
 */
@Component
class ChangeMethods implements OmaMethods {

	/** Every entry is about Domain Push. */
	static final String APPLICATION = "domain_push";

	private final ChangeHistory history;

	private final CompanyReference reference;

	private final ApiLimits limits;

	ChangeMethods(ChangeHistory history, CompanyReference reference, ApiLimits limits) {
		this.history = history;
		this.reference = reference;
		this.limits = limits;
	}

	@Override
	public Map<String, OmaMethod> methods() {
		return Map.of("get_domain_changes", this::domainChanges, "get_company_changes", this::companyChanges);
	}

	private Map<String, Object> domainChanges(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("domain", "range"));
		OmaRequest range = request.object("range").allowOnly(Set.of("first", "limit"));
		return answer(history.ofDomain(call.caller(), request.text("domain"), first(range), limit(range)));
	}

	private Map<String, Object> companyChanges(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("company", "range"));
		OmaRequest range = request.object("range").allowOnly(Set.of("first", "limit"));
		long companyId = reference.resolve(call.caller(), request, "company");
		return answer(history.ofCompany(call.caller(), companyId, first(range), limit(range)));
	}

	private static long first(OmaRequest range) {
		return range.optionalLong("first", 0, 0, DomainMethods.MAX_FIRST);
	}

	private int limit(OmaRequest range) {
		return (int) range.optionalLong("limit", limits.maxPageSize(), 1, limits.maxPageSize());
	}

	private static Map<String, Object> answer(ChangeHistory.Changes found) {
		List<Map<String, Object>> changes = found.changes()
			.stream()
			.map(change -> OmaAnswer.fields("application", APPLICATION, "msg", change.message(), "time",
					change.time().toEpochSecond(), "user", change.user()))
			.toList();
		return OmaAnswer.fields("count", changes.size(), "total_count", found.total(), "changes", changes);
	}

}
