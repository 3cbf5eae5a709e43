package io.domainpush.api.company;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;

import org.springframework.stereotype.Component;

/**
 * The company feature's facade for the others: "may this caller act inside this company,
 * and does it exist?" (one answer, 404, for both), and the company's row lock that
 * serialises what must not happen twice at once inside one company.
 */
@Component
public class CompanyLookup {

	private final CompanyRepository companies;

	CompanyLookup(CompanyRepository companies) {
		this.companies = companies;
	}

	public void requireVisible(Caller caller, long companyId) {
		caller.requireCompany(companyId);
		if (!companies.exists(companyId)) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
	}

	/**
	 * Locks the company's row until the transaction ends; 404 if it does not exist (or
	 * was deleted).
	 */
	public void lock(long companyId) {
		if (!companies.lock(companyId)) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
	}

}
