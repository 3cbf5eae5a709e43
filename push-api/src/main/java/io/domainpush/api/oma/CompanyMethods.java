package io.domainpush.api.oma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.domainpush.api.company.CompanyService;
import io.domainpush.api.company.CompanyView;
import io.domainpush.api.company.DomainPushChange;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.web.ApiLimits;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * {@code get_company} and {@code change_company}, for the two domain-push attributes:
 * {@code domain_push_allowed} (the company ids allowed to push domains to this company)
 * and {@code domain_push_notify} (the address told about each domain pushed to it). The
 * company is named by its name or its id; a company admin may leave it out (their own).
 */
@Component
class CompanyMethods implements OmaMethods {

	static final String ALLOWED = "domain_push_allowed";

	static final String NOTIFY = "domain_push_notify";

	private final CompanyReference reference;

	private final CompanyService companies;

	private final ApiLimits limits;

	CompanyMethods(CompanyReference reference, CompanyService companies, ApiLimits limits) {
		this.reference = reference;
		this.companies = companies;
		this.limits = limits;
	}

	@Override
	public Map<String, OmaMethod> methods() {
		return Map.of("get_company", this::getCompany, "change_company", this::changeCompany);
	}

	private Map<String, Object> getCompany(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("company"));
		CompanyView company = companies.get(call.caller(), reference.resolve(call.caller(), request, "company"));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("name", company.name());
		attributes.put("company_id", company.companyId());
		attributes.put(ALLOWED, company.domainPush().allowedCompanies());
		attributes.put(NOTIFY, company.domainPush().notificationEmail());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("createtime", company.createdAt().toEpochSecond());
		metadata.put("cluster", company.cluster());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("attributes", attributes);
		answer.put("settable_attribute", List.of(ALLOWED, NOTIFY));
		answer.put("metadata", metadata);
		return answer;
	}

	/**
	 * Checks every attribute before changing anything: one this API does not support
	 * refuses the whole call, naming it.
	 */
	private Map<String, Object> changeCompany(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("company", "attributes"));
		long companyId = reference.resolve(call.caller(), request, "company");
		OmaRequest attributes = request.object("attributes");
		if (!request.has("attributes") || attributes.fields().isEmpty()) {
			throw OmaException.badRequest("'attributes' is required: " + ALLOWED + " and/or " + NOTIFY + ".");
		}
		for (String attribute : attributes.fields().stream().sorted().toList()) {
			if (!attribute.equals(ALLOWED) && !attribute.equals(NOTIFY)) {
				throw new OmaException(OmaError.BAD_ATTRIBUTES, "Attribute '" + attribute
						+ "' is not supported here: only " + ALLOWED + " and " + NOTIFY + " can be changed.");
			}
		}
		List<Long> allowed = attributes.fields().contains(ALLOWED)
				? OmaRequest.ids(attributes.raw(ALLOWED), ALLOWED, limits.maxAllowedCompanies()) : null;
		boolean notifyGiven = attributes.fields().contains(NOTIFY);
		String notify = notifyGiven ? address(attributes.raw(NOTIFY)) : null;
		try {
			companies.changeDomainPush(call.caller(), companyId,
					new DomainPushChange(allowed, notifyGiven, notify, null, null, null, null));
		}
		catch (ApiException refusal) {
			throw OmaException.from(refusal, true);
		}
		return Map.of();
	}

	/** {@code null} or {@code ""}: no notification address. */
	private static String address(JsonNode value) {
		if (value == null || value.isNull() || (value.isString() && value.stringValue().isEmpty())) {
			return null;
		}
		if (!value.isString()) {
			throw new OmaException(OmaError.BAD_ATTRIBUTES, "'" + NOTIFY + "' must be an email address.");
		}
		return value.stringValue();
	}

}
