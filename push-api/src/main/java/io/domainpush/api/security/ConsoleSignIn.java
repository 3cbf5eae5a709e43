package io.domainpush.api.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signing in to the console with a username and password ({@link AccountSignIn} decides).
 * Not a bean: Spring Security would also hand an {@code AuthenticationProvider} bean to
 * the global authentication manager, which the console's manager asks again after a
 * failure, counting every failure twice.
 */
class ConsoleSignIn implements AuthenticationProvider {

	private final AccountSignIn signIn;

	ConsoleSignIn(AccountSignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
		String address = request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: "unknown";
		AccountSignIn.SignedIn signedIn;
		try {
			signedIn = signIn.withPassword(request.getName(), password, address, "console", true);
		}
		catch (AccountSignIn.Refused refused) {
			throw refused.throttled() ? new SignInThrottled() : new BadCredentialsException(refused.getMessage());
		}
		Caller caller = signedIn.caller();
		ConsoleUser user = new ConsoleUser(caller.actorId(), signedIn.username(), caller.companyId());
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority(user.isOperator() ? "ROLE_OPERATOR" : "ROLE_ADMIN")));
		result.setDetails(request.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Too many failed sign-ins of this username or from this address: try later. */
	static final class SignInThrottled extends AuthenticationException {

		SignInThrottled() {
			super("Too many failed sign-ins: try again later.");
		}

	}

}
