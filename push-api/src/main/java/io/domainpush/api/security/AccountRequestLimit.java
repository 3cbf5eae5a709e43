package io.domainpush.api.security;

import java.util.UUID;

import io.domainpush.api.account.Usernames;

import org.springframework.stereotype.Component;

/**
 * The request rate of one person's account, the same allowance whether they use the
 * console or the OMA-compatible API ({@code push.api.rate-limit.requests-per-minute}, as
 * an API token); and, before anything is checked, how often one username may present its
 * password ({@code password-checks-per-minute}): a correct password costs a bcrypt check
 * every time, which must not become a way to burn the API's CPU.
 */
@Component
public class AccountRequestLimit {

	private final RateLimiter perAccount;

	private final RateLimiter passwordChecks;

	AccountRequestLimit(RateLimitProperties limits) {
		this.perAccount = new RateLimiter(limits.requestsPerMinute());
		this.passwordChecks = new RateLimiter(limits.passwordChecksPerMinute());
	}

	/**
	 * 0 when {@code username} may present its password now, else the seconds to wait.
	 */
	public long tryPasswordCheck(String username) {
		return passwordChecks.tryAcquire(Usernames.normalize(username));
	}

	/** 0 when the account may make a request now, else the seconds to wait. */
	public long tryAcquire(UUID accountId) {
		return perAccount.tryAcquire(accountId);
	}

}
