package io.domainpush.api.account;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.common.Caller;
import io.domainpush.api.company.CompanyDeleted;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A company's API tokens: made (the secret shown once, its hash kept), listed and revoked
 * by the company's admins and operators, and revoked all at once with their company.
 */
@Service
class ApiTokens {

	private final TokenRepository tokens;

	private final CompanyLookup companies;

	private final ApiLimits limits;

	private final AuditLog audit;

	ApiTokens(TokenRepository tokens, CompanyLookup companies, ApiLimits limits, AuditLog audit) {
		this.tokens = tokens;
		this.companies = companies;
		this.limits = limits;
		this.audit = audit;
	}

	@Transactional
	CreatedToken create(Caller caller, long companyId, String label) {
		caller.requireCompany(companyId);
		companies.lock(companyId);
		if (tokens.countActive(companyId) >= limits.maxTokensPerCompany()) {
			throw new ApiException(ErrorCode.TOO_MANY_TOKENS, "The company has " + limits.maxTokensPerCompany()
					+ " active tokens, the most it may have: revoke one first.");
		}
		String token = Tokens.newToken();
		TokenView view = tokens.create(companyId, label, Tokens.hash(token));
		audit.record(caller, companyId, "TOKEN_CREATED", "token " + view.tokenId(), null,
				Map.of("token_id", view.tokenId(), "label", view.label()));
		return new CreatedToken(view.tokenId(), token, view.label(), view.companyId(), view.createdAt());
	}

	@Transactional(readOnly = true)
	Page<TokenView> list(Caller caller, long companyId, Integer page, Integer size) {
		companies.requireVisible(caller, companyId);
		PageRequest request = PageRequest.of(page, size, limits);
		return Page.of(tokens.list(companyId, request), request);
	}

	@Transactional
	void revoke(Caller caller, long companyId, UUID tokenId) {
		caller.requireCompany(companyId);
		if (!tokens.revoke(companyId, tokenId)) {
			throw ApiException.notFound(ErrorCode.TOKEN_NOT_FOUND, "Token");
		}
		audit.record(caller, companyId, "TOKEN_REVOKED", "token " + tokenId, null, null);
	}

	/** A deleted company's tokens stop working in the transaction that deletes it. */
	@EventListener
	void on(CompanyDeleted deleted) {
		tokens.revokeAll(deleted.companyId());
	}

	/** The answer to a token's creation: the only time its secret is shown. */
	record CreatedToken(UUID tokenId, String token, String label, Long companyId, OffsetDateTime createdAt) {
	}

}
