package io.domainpush.api.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.domainpush.api.account.AccountRepository;
import io.domainpush.api.account.Passwords;
import io.domainpush.api.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing in to the console with a username and password: refused without looking at the
 * password while the username or the client address is throttled; otherwise the password
 * is compared (to a decoy when no account has the username, so it takes as long), and the
 * outcome counted and audited in the account's company trail. Every wrong answer is the
 * same {@link BadCredentialsException}. Not a bean: Spring Security would also hand an
 * {@code AuthenticationProvider} bean to the global authentication manager, which the
 * console's manager asks again after a failure, counting every failure twice.
 */
class ConsoleSignIn implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ConsoleSignIn.class);

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final SignInThrottle throttle;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	ConsoleSignIn(AccountRepository accounts, Passwords passwords, SignInThrottle throttle, AuditLog audit,
			TransactionTemplate transaction) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
		this.transaction = transaction;
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		String username = String.valueOf(request.getName()).strip().toLowerCase(Locale.ROOT);
		String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
		String address = request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: "unknown";
		if (username.length() > 254 || throttle.refuses(username, address)) {
			// not audited: a flood of refused attempts must not fill the trail (the
			// failures that led
			// here are in it)
			log.info("Sign-in refused without checking the password (throttled), from {}", address);
			throw new SignInThrottled();
		}
		Optional<AccountRepository.Credentials> account = accounts.credentials(username);
		if (!passwords.matches(password, account.map(AccountRepository.Credentials::passwordHash).orElse(null))) {
			throttle.failed(username, address);
			account.ifPresentOrElse(a -> record(a, "SIGN_IN_FAILED", Map.of("address", address)),
					() -> log.info("Sign-in failed for a username that has no account, from {}", address));
			throw new BadCredentialsException("Wrong username or password.");
		}
		AccountRepository.Credentials signedIn = account.orElseThrow();
		throttle.succeeded(username);
		record(signedIn, "SIGNED_IN", Map.of("address", address));
		ConsoleUser user = new ConsoleUser(signedIn.accountId(), signedIn.username(), signedIn.companyId());
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority(user.isOperator() ? "ROLE_OPERATOR" : "ROLE_ADMIN")));
		result.setDetails(request.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private void record(AccountRepository.Credentials account, String action, Map<String, String> detail) {
		transaction
			.executeWithoutResult(status -> audit.record(Caller.account(account.accountId(), account.companyId()),
					account.companyId(), action, "account " + account.accountId(), null, detail));
	}

	/** Too many failed sign-ins of this username or from this address: try later. */
	static final class SignInThrottled extends AuthenticationException {

		SignInThrottled() {
			super("Too many failed sign-ins: try again later.");
		}

	}

}
