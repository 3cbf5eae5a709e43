package io.domainpush.api.security;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The request rate of one person's account, the same allowance whether they use the
 * console or the OMA-compatible API ({@code push.api.rate-limit.requests-per-minute}, as
 * an API token).
 */
@Component
public class AccountRequestLimit {

	private final RateLimiter perAccount;

	AccountRequestLimit(RateLimitProperties limits) {
		this.perAccount = new RateLimiter(limits.requestsPerMinute());
	}

	/** 0 when the account may make a request now, else the seconds to wait. */
	public long tryAcquire(UUID accountId) {
		return perAccount.tryAcquire(accountId);
	}

}
