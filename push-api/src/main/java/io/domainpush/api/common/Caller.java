package io.domainpush.api.common;

import java.io.Serializable;
import java.util.UUID;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;

/**
 * Who is calling: the platform's operator ({@code companyId == null}) or an administrator
 * of one company, through an API token or a signed-in account ({@code actorId} is the
 * token's or the account's id, as {@code via} says). Object-level checks live here so
 * that every feature asks the same question the same way, whichever way the caller came
 * in.
 */
public record Caller(UUID actorId, Via via, Long companyId) implements Serializable {

	/** How the caller authenticated. */
	public enum Via {

		/** A bearer token of the API. */
		TOKEN,

		/** A person's account, signed in to the console. */
		ACCOUNT

	}

	public static Caller token(UUID tokenId, Long companyId) {
		return new Caller(tokenId, Via.TOKEN, companyId);
	}

	public static Caller account(UUID accountId, Long companyId) {
		return new Caller(accountId, Via.ACCOUNT, companyId);
	}

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
