package io.domainpush.api.account;

import io.domainpush.api.common.Caller;
import io.domainpush.api.common.Waits;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import io.domainpush.api.common.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a person proves who they are, whichever door they use (the console's sign-in form,
 * the OMA-compatible API's credentials): a username with its password or with a session
 * token. A password is looked at only once the throttle's delay for the username (or for
 * the browser, when it signed in as the username before) and for the client address has
 * passed; then it is compared (to a decoy when no account has the username, so it takes
 * as long), failures counted and audited in the account's company trail. A valid session
 * token is never throttled, and a wrong one is not a password failure. Every wrong answer
 * is the same {@link Refused}.
 */
@Component
public class AccountSignIn {

	private static final Logger log = LoggerFactory.getLogger(AccountSignIn.class);

	private final AccountRepository accounts;

	private final SessionTokens tokens;

	private final Passwords passwords;

	private final SignInThrottle throttle;

	private final KnownBrowsers browsers;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	AccountSignIn(AccountRepository accounts, SessionTokens tokens, Passwords passwords, SignInThrottle throttle,
			KnownBrowsers browsers, AuditLog audit, TransactionTemplate transaction) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.passwords = passwords;
		this.throttle = throttle;
		this.browsers = browsers;
		this.audit = audit;
		this.transaction = transaction;
	}

	/**
	 * The account whose password this is; {@code channel} ("console", "oma") is written
	 * in the audit trail. A success is audited when {@code auditSuccess} (a sign-in; not
	 * each OMA request, which carries its credentials every time).
	 * @param browser the known-browser token the request carries (console), or null
	 */
	public SignedIn withPassword(String rawUsername, String password, String address, String browser, String channel,
			boolean auditSuccess) {
		String username = Usernames.normalize(rawUsername);
		if (username.length() > 254) {
			throw new Refused(Duration.ZERO);
		}
		SignInThrottle.Attempt attempt = new SignInThrottle.Attempt(username, address,
				browsers.isKnown(browser, username) ? browser : null);
		Duration wait = throttle.wait(attempt);
		if (!wait.isZero()) {
			// not audited: a flood of refused attempts must not fill the trail (the
			// failures that led here are in it)
			log.info("Sign-in refused without checking the password (throttled for {}), from {}", wait, address);
			throw new Refused(wait);
		}
		Optional<AccountRepository.Credentials> account = accounts.credentials(username);
		String hash = account.map(AccountRepository.Credentials::passwordHash).orElse(null);
		if (!passwords.matches(password == null ? "" : password, hash)) {
			throttle.failed(attempt);
			throw failed(account, address, channel);
		}
		throttle.succeeded(attempt);
		return succeeded(account.orElseThrow(), address, channel, auditSuccess);
	}

	/**
	 * The account this session token (from {@link #issueToken}) was issued to. Never
	 * throttled: the token is 256 random bits, checked in constant time by its hash.
	 */
	public SignedIn withToken(String rawUsername, String token, String address, String channel) {
		String username = Usernames.normalize(rawUsername);
		Optional<SessionTokens.Presented> presented = token == null || token.length() > 100 || username.length() > 254
				? Optional.empty() : tokens.account(username, Tokens.hash(token));
		if (presented.isEmpty()) {
			throttle.failedFrom(address);
			throw failed(username.length() > 254 ? Optional.empty() : accounts.credentials(username), address, channel);
		}
		SignedIn signedIn = succeeded(presented.get().account(), address, channel, false);
		return new SignedIn(signedIn.username(), signedIn.caller(), presented.get().chainExpiresAt());
	}

	/**
	 * Whether {@code password} is the signed-in person's own (changing it asks for it):
	 * throttled and audited as a sign-in, so a stolen session cannot guess it at the
	 * request rate.
	 * @throws Refused while the throttle's delay lasts
	 */
	public boolean checkOwnPassword(Caller caller, String username, String password, String address) {
		SignInThrottle.Attempt attempt = new SignInThrottle.Attempt(username, address, null);
		Duration wait = throttle.wait(attempt);
		if (!wait.isZero()) {
			throw new Refused(wait);
		}
		String hash = accounts.credentials(username).map(AccountRepository.Credentials::passwordHash).orElse(null);
		if (passwords.matches(password == null ? "" : password, hash)) {
			return true;
		}
		throttle.failed(attempt);
		transaction.executeWithoutResult(status -> audit.record(caller, caller.companyId(), "PASSWORD_CHANGE_FAILED",
				"account " + caller.actorId(), null, Map.of("address", address)));
		return false;
	}

	/**
	 * Remembers the browser that signed in as {@code username} with the token it will
	 * keep: failures made elsewhere never slow it down.
	 */
	public void rememberBrowser(String username, String browser) {
		browsers.remember(browser, username);
	}

	/**
	 * Whether the browser holding {@code browser} signed in as {@code username} before.
	 */
	public boolean isKnownBrowser(String browser, String username) {
		return browsers.isKnown(browser, username);
	}

	/**
	 * A new session token of the signed-in account, valid for {@code lifetime}; its chain
	 * ends {@code chainLifetime} after the password sign-in that started it (a token made
	 * with a token expires no later than the token it was made with could have been
	 * renewed).
	 */
	public IssuedToken issueToken(SignedIn account, Duration lifetime, Duration chainLifetime, int maxPerAccount) {
		String token = "oma_" + Tokens.newToken().substring(3);
		OffsetDateTime chainEnds = account.tokenChainExpiresAt() != null ? account.tokenChainExpiresAt()
				: OffsetDateTime.now().plus(chainLifetime);
		OffsetDateTime expiresAt = transaction.execute(status -> tokens.issue(account.caller().actorId(),
				Tokens.hash(token), lifetime, chainEnds, maxPerAccount));
		return new IssuedToken(token, expiresAt);
	}

	private Refused failed(Optional<AccountRepository.Credentials> account, String address, String channel) {
		account.ifPresentOrElse(a -> record(a, "SIGN_IN_FAILED", address, channel),
				() -> log.info("Sign-in failed for a username that has no account, from {}", address));
		return new Refused(Duration.ZERO);
	}

	private SignedIn succeeded(AccountRepository.Credentials account, String address, String channel,
			boolean auditSuccess) {
		if (auditSuccess) {
			record(account, "SIGNED_IN", address, channel);
		}
		return new SignedIn(account.username(), Caller.account(account.accountId(), account.companyId()), null);
	}

	private void record(AccountRepository.Credentials account, String action, String address, String channel) {
		transaction
			.executeWithoutResult(status -> audit.record(Caller.account(account.accountId(), account.companyId()),
					account.companyId(), action, "account " + account.accountId(), null,
					Map.of("address", address, "channel", channel)));
	}

	/**
	 * A person who proved who they are.
	 *
	 * @param tokenChainExpiresAt with a session token, when its chain ends; null with a
	 * password
	 */
	public record SignedIn(String username, Caller caller, OffsetDateTime tokenChainExpiresAt) {
	}

	/** A session token, shown once, and when it stops being valid. */
	public record IssuedToken(String token, OffsetDateTime expiresAt) {
	}

	/**
	 * Wrong username, password or token, all alike; or, with a {@code retryAfter}, not
	 * looked at: try again after it.
	 */
	public static final class Refused extends RuntimeException {

		private final Duration retryAfter;

		Refused(Duration retryAfter) {
			super(retryAfter.isZero() ? "Wrong username or password."
					: "Too many attempts: try again in " + Waits.readable(retryAfter) + ".", null, false, false);
			this.retryAfter = retryAfter;
		}

		public boolean throttled() {
			return !retryAfter.isZero();
		}

		/**
		 * How long to wait before the next attempt is looked at; zero when not throttled.
		 */
		public Duration retryAfter() {
			return retryAfter;
		}

	}

}
