package io.domainpush.api.company;

import java.util.List;

import io.domainpush.api.common.CompanyIds;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;

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
	 * The company a caller names by its id ({@code 1002} or {@code "1002"}) or by its
	 * name, as the OMA-compatible API does: 404 when it does not exist or the caller may
	 * not see it, 400 when a name is shared by several companies (an operator then gives
	 * the id).
	 */
	public long resolve(Caller caller, String idOrName) {
		String reference = idOrName.strip();
		if (CompanyIds.isOne(reference)) {
			long id = Long.parseLong(reference);
			requireVisible(caller, id);
			return id;
		}
		List<Long> named = companies.idsNamed(reference).stream().filter(caller::canSee).toList();
		if (named.isEmpty()) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
		if (named.size() > 1) {
			throw ApiException.invalid("Several companies are named '" + reference + "': give the company's id.");
		}
		return named.get(0);
	}

	/** The company's name (a company the caller may see, or one an invitation names). */
	public String name(long companyId) {
		return companies.find(companyId)
			.map(CompanyView::name)
			.orElseThrow(() -> ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company"));
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
