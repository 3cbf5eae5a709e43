package io.domainpush.api.oma;

import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.common.Caller;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The company an OMA request names: by its name (as OMA does) or by its id (number or
 * string of digits); a company admin may leave it out to mean their own. Another
 * company's is error 2, as a missing one.
 */
@Component
class CompanyReference {

	private final CompanyLookup lookup;

	CompanyReference(CompanyLookup lookup) {
		this.lookup = lookup;
	}

	long resolve(Caller caller, OmaRequest request, String field) {
		if (!request.has(field)) {
			if (caller.isOperator()) {
				throw OmaException.badRequest("'" + field + "' is required: an operator names the company.");
			}
			return caller.companyId();
		}
		JsonNode value = request.raw(field);
		String reference = value.isIntegralNumber() && value.canConvertToLong() ? String.valueOf(value.longValue())
				: request.text(field);
		return lookup.resolve(caller, reference);
	}

}
