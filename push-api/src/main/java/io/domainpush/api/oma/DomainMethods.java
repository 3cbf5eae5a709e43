package io.domainpush.api.oma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.domainpush.api.company.CompanyService;
import io.domainpush.api.domain.DomainSearch;
import io.domainpush.api.domain.DomainService;
import io.domainpush.api.domain.DomainViews;
import io.domainpush.api.web.ApiLimits;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * {@code get_domain} (a domain of the caller's company, any for an operator) and
 * {@code search_domains} (a company's domains by wildcard, in windows of at most the
 * API's page size). There are no alias or deleted domains here: asking only for those
 * finds none.
 */
@Component
class DomainMethods implements OmaMethods {

	/** The furthest a search window may start (a page bound, as the REST API's). */
	static final long MAX_FIRST = 1_000_000;

	private final DomainService domains;

	private final CompanyService companies;

	private final CompanyReference reference;

	private final ApiLimits limits;

	DomainMethods(DomainService domains, CompanyService companies, CompanyReference reference, ApiLimits limits) {
		this.domains = domains;
		this.companies = companies;
		this.reference = reference;
		this.limits = limits;
	}

	@Override
	public Map<String, OmaMethod> methods() {
		return Map.of("get_domain", this::getDomain, "search_domains", this::searchDomains);
	}

	private Map<String, Object> getDomain(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("domain"));
		DomainViews.DomainDetail domain = domains.get(call.caller(), request.text("domain"));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("company", companies.get(call.caller(), domain.companyId()).name());
		attributes.put("company_id", domain.companyId());
		attributes.put("brand", domain.brand() == null ? null : domain.brand().name());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("cluster", domain.cluster());
		metadata.put("users", domain.userCount());
		metadata.put("messages", domain.messageCount());
		metadata.put("message_bytes", domain.messageBytes());
		return OmaAnswer.fields("domain", domain.name(), "attributes", attributes, "metadata", metadata);
	}

	private Map<String, Object> searchDomains(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("criteria", "range", "sort"));
		OmaRequest criteria = request.object("criteria").allowOnly(Set.of("company", "match", "type", "deleted"));
		OmaRequest range = request.object("range").allowOnly(Set.of("first", "limit"));
		OmaRequest sort = request.object("sort").allowOnly(Set.of("by", "direction"));
		long companyId = reference.resolve(call.caller(), criteria, "company");
		long first = range.optionalLong("first", 0, 0, MAX_FIRST);
		int limit = (int) range.optionalLong("limit", limits.maxPageSize(), 1, limits.maxPageSize());
		String by = sort.has("by") ? sort.text("by") : "domain";
		if (!by.equals("domain")) {
			throw OmaException.badRequest("'sort.by': only 'domain' is supported here.");
		}
		String direction = sort.has("direction") ? sort.text("direction") : "ascending";
		if (!direction.equals("ascending") && !direction.equals("descending")) {
			throw OmaException.badRequest("'sort.direction' must be 'ascending' or 'descending'.");
		}
		String match = criteria.has("match") ? criteria.text("match") : "*";
		DomainSearch search = DomainSearch.wildcard(match, direction.equals("descending"));
		boolean onlyAbsentKinds = criteria.flag("deleted", false) || !asksForDomains(criteria.raw("type"));
		DomainViews.Found found = onlyAbsentKinds ? new DomainViews.Found(List.of(), 0)
				: domains.search(call.caller(), companyId, search, first, limit);
		List<Map<String, Object>> listed = found.domains()
			.stream()
			.map(d -> OmaAnswer.fields("domain", d.name(), "type", "domain", "users", d.userCount()))
			.toList();
		return OmaAnswer.fields("count", listed.size(), "total_count", found.total(), "domains", listed);
	}

	/** {@code type}: absent, or a list that includes "domain" ("alias" finds nothing). */
	private static boolean asksForDomains(JsonNode type) {
		if (type == null || type.isNull()) {
			return true;
		}
		if (!type.isArray() || type.values()
			.stream()
			.anyMatch(t -> !t.isString() || !(t.stringValue().equals("domain") || t.stringValue().equals("alias")))) {
			throw OmaException.badRequest("'criteria.type' must be a list of 'domain' and/or 'alias'.");
		}
		return type.values().stream().anyMatch(t -> t.stringValue().equals("domain"));
	}

}
