package io.domainpush.api.security;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import io.domainpush.api.account.AccountRepository;
import io.domainpush.api.account.Passwords;
import io.domainpush.api.account.Usernames;
import io.domainpush.api.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a person proves who they are, whichever door they use (the console's sign-in form,
 * the OMA-compatible API's credentials): a username with its password or with a session
 * token. Refused without looking at the secret while the username or the client address
 * is throttled; otherwise the secret is compared (a password to a decoy when no account
 * has the username, so it takes as long), failures counted and audited in the account's
 * company trail. Every wrong answer is the same {@link Refused}.
 */
@Component
public class AccountSignIn {

	private static final Logger log = LoggerFactory.getLogger(AccountSignIn.class);

	private final AccountRepository accounts;

	private final SessionTokens tokens;

	private final Passwords passwords;

	private final SignInThrottle throttle;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	AccountSignIn(AccountRepository accounts, SessionTokens tokens, Passwords passwords, SignInThrottle throttle,
			AuditLog audit, TransactionTemplate transaction) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
		this.transaction = transaction;
	}

	/**
	 * The account whose password this is; {@code channel} ("console", "oma") is written
	 * in the audit trail. A success is audited when {@code auditSuccess} (a sign-in; not
	 * each OMA request, which carries its credentials every time).
	 */
	public SignedIn withPassword(String rawUsername, String password, String address, String channel,
			boolean auditSuccess) {
		String username = Usernames.normalize(rawUsername);
		refuseWhileThrottled(username, address);
		Optional<AccountRepository.Credentials> account = accounts.credentials(username);
		String hash = account.map(AccountRepository.Credentials::passwordHash).orElse(null);
		if (!passwords.matches(password == null ? "" : password, hash)) {
			throw failed(username, account, address, channel);
		}
		return succeeded(account.orElseThrow(), address, channel, auditSuccess);
	}

	/** The account this session token (from {@link #issueToken}) was issued to. */
	public SignedIn withToken(String rawUsername, String token, String address, String channel) {
		String username = Usernames.normalize(rawUsername);
		refuseWhileThrottled(username, address);
		Optional<AccountRepository.Credentials> account = token == null || token.length() > 100 ? Optional.empty()
				: tokens.account(username, Tokens.hash(token));
		if (account.isEmpty()) {
			throw failed(username, accounts.credentials(username), address, channel);
		}
		return succeeded(account.get(), address, channel, false);
	}

	/** A new session token of the signed-in account, valid for {@code lifetime}. */
	public IssuedToken issueToken(SignedIn account, Duration lifetime, int maxPerAccount) {
		String token = "oma_" + Tokens.newToken().substring(3);
		OffsetDateTime expiresAt = transaction
			.execute(status -> tokens.issue(account.caller().actorId(), Tokens.hash(token), lifetime, maxPerAccount));
		return new IssuedToken(token, expiresAt);
	}

	private void refuseWhileThrottled(String username, String address) {
		if (username.length() > 254 || throttle.refuses(username, address)) {
			// not audited: a flood of refused attempts must not fill the trail (the
			// failures that led here are in it)
			log.info("Sign-in refused without checking the secret (throttled), from {}", address);
			throw new Refused(true);
		}
	}

	private Refused failed(String username, Optional<AccountRepository.Credentials> account, String address,
			String channel) {
		throttle.failed(username, address);
		account.ifPresentOrElse(a -> record(a, "SIGN_IN_FAILED", address, channel),
				() -> log.info("Sign-in failed for a username that has no account, from {}", address));
		return new Refused(false);
	}

	private SignedIn succeeded(AccountRepository.Credentials account, String address, String channel,
			boolean auditSuccess) {
		throttle.succeeded(account.username());
		if (auditSuccess) {
			record(account, "SIGNED_IN", address, channel);
		}
		return new SignedIn(account.username(), Caller.account(account.accountId(), account.companyId()));
	}

	private void record(AccountRepository.Credentials account, String action, String address, String channel) {
		transaction
			.executeWithoutResult(status -> audit.record(Caller.account(account.accountId(), account.companyId()),
					account.companyId(), action, "account " + account.accountId(), null,
					Map.of("address", address, "channel", channel)));
	}

	/** A person who proved who they are. */
	public record SignedIn(String username, Caller caller) {
	}

	/** A session token, shown once, and when it stops being valid. */
	public record IssuedToken(String token, OffsetDateTime expiresAt) {
	}

	/**
	 * Wrong username, password or token, all alike; {@code throttled}: refused without
	 * checking, try later.
	 */
	public static final class Refused extends RuntimeException {

		private final boolean throttled;

		Refused(boolean throttled) {
			super(throttled ? "Too many failed sign-ins: try again later." : "Wrong username or password.", null, false,
					false);
			this.throttled = throttled;
		}

		public boolean throttled() {
			return throttled;
		}

	}

}
