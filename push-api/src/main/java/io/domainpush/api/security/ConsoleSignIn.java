package io.domainpush.api.security;

import io.domainpush.api.account.AccountSignIn;
import io.domainpush.api.account.KnownBrowsers;
import io.domainpush.api.common.Caller;
import io.domainpush.api.common.Waits;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signing in to the console with a username and password ({@link AccountSignIn} decides),
 * with the known-browser cookie the browser carries, if any. Not a bean: Spring Security
 * would also hand an {@code AuthenticationProvider} bean to the global authentication
 * manager, which the console's manager asks again after a failure, counting every failure
 * twice.
 */
class ConsoleSignIn implements AuthenticationProvider {

	private final AccountSignIn signIn;

	ConsoleSignIn(AccountSignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
		Details details = request.getDetails() instanceof Details d ? d : new Details("unknown", null);
		AccountSignIn.SignedIn signedIn;
		try {
			signedIn = signIn.withPassword(request.getName(), password, details.address(), details.browser(), "console",
					true);
		}
		catch (AccountSignIn.Refused refused) {
			throw refused.throttled() ? new SignInThrottled(refused.retryAfter())
					: new BadCredentialsException(refused.getMessage());
		}
		Caller caller = signedIn.caller();
		ConsoleUser user = new ConsoleUser(caller.actorId(), signedIn.username(), caller.companyId());
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority(user.isOperator() ? "ROLE_OPERATOR" : "ROLE_ADMIN")));
		// kept in the session: where the sign-in came from, never the browser's token
		result.setDetails(new Details(details.address(), null));
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Where a sign-in comes from: the client's address and its known-browser token. */
	record Details(String address, String browser) implements java.io.Serializable {

		static final AuthenticationDetailsSource<HttpServletRequest, Details> SOURCE = request -> new Details(
				new WebAuthenticationDetails(request).getRemoteAddress(), browserOf(request));

		static String browserOf(HttpServletRequest request) {
			if (request.getCookies() == null) {
				return null;
			}
			for (Cookie cookie : request.getCookies()) {
				if (KnownBrowsers.COOKIE.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
			return null;
		}

	}

	/** Too many failed sign-ins of this username or from this address: try later. */
	static final class SignInThrottled extends AuthenticationException {

		private final Duration retryAfter;

		SignInThrottled(Duration retryAfter) {
			super("Too many attempts: try again in " + Waits.readable(retryAfter) + ".");
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return retryAfter;
		}

	}

}
