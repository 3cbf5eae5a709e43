package io.domainpush.api.security;

import java.util.UUID;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;

/**
 * Who is calling: the platform's operator ({@code companyId == null}) or an administrator
 * of one company. Object-level checks live here so that every feature asks the same
 * question the same way.
 */
public record Caller(UUID tokenId, Long companyId) {

	public boolean isOperator() {
		return companyId == null;
	}

	/** Whether this caller may see objects of {@code company}. */
	public boolean canSee(long company) {
		return isOperator() || companyId == company;
	}

	/** 404 (not 403) for another company's objects, so their existence does not leak. */
	public void requireCompany(long company) {
		if (!canSee(company)) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
	}

	public void requireOperator() {
		if (!isOperator()) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only the platform operator may do this.");
		}
	}

	/** The namespace of this caller's Idempotency-Keys. */
	public String idempotencyScope() {
		return isOperator() ? "operator" : "company:" + companyId;
	}

}
