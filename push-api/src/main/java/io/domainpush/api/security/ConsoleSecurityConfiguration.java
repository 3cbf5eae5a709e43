package io.domainpush.api.security;

import io.domainpush.api.account.TokenRepository;
import io.domainpush.api.account.Tokens;
import io.domainpush.api.account.KnownBrowsers;
import io.domainpush.api.account.AccountSignIn;
import io.domainpush.api.common.Waits;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.domainpush.api.account.AccountRepository;
import io.domainpush.core.retention.RetentionProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The console: people sign in with a username and password and keep a session (a cookie,
 * {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over TLS, ended after 30 idle
 * minutes; the session itself in PostgreSQL). No session exists before sign-in: the
 * sign-in form's CSRF token lives in a cookie, and a page asked for before signing in is
 * not remembered, so anonymous requests store nothing. Every form carries a CSRF token;
 * the session id changes at sign-in. A browser that signed in gets a known-browser
 * cookie, so failed sign-ins made elsewhere never slow it down. Everything the API chain
 * does not guard is the console's, so no path is left unguarded.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

	static final String SIGN_IN = "/console/sign-in";

	/** Pages and their own scripts and styles only; nothing inline, nothing framed. */
	static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	@Bean
	@Order(2)
	SecurityFilterChain console(HttpSecurity http, AccountRepository accounts, AccountSignIn accountSignIn,
			AccountRequestLimit requestLimit, RetentionProperties retention) throws Exception {
		ConsoleSignIn signIn = new ConsoleSignIn(accountSignIn);
		AuthenticationFailureHandler failure = (request, response, ex) -> response
			.sendRedirect(request.getContextPath() + SIGN_IN + (ex instanceof ConsoleSignIn.SignInThrottled throttled
					? "?later=" + Waits.seconds(throttled.retryAfter()) : "?error"));
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setCreateSessionAllowed(false);
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName("DP_CSRF");
		csrfTokens.setCookiePath("/");
		csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		return http.authenticationProvider(signIn)
			.formLogin(form -> form.loginPage(SIGN_IN)
				.loginProcessingUrl(SIGN_IN)
				.authenticationDetailsSource(ConsoleSignIn.Details.SOURCE)
				.successHandler((request, response, authentication) -> signedIn(accountSignIn,
						retention.knownBrowsers(), request, response, authentication))
				.failureHandler(failure)
				.permitAll())
			.logout(logout -> logout.logoutUrl("/console/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out"))
			.requestCache(cache -> cache.requestCache(requestCache))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP)))
			.addFilterAfter(new ConsoleAccountFilter(accounts, requestLimit), AnonymousAuthenticationFilter.class)
			// the sign-in page with any of its messages (?error, ?later=, ?signed-out),
			// and an
			// invitation's page: its link is the proof
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/assets/**", "/webjars/**", "/favicon.ico", SIGN_IN, "/console/invitations/accept")
				.permitAll()
				.anyRequest()
				.authenticated())
			.build();
	}

	/**
	 * After a sign-in: the browser is remembered for the username (a browser that was not
	 * known for it gets a new token, so a planted cookie never becomes a known browser),
	 * then the first page.
	 */
	private static void signedIn(AccountSignIn signIn, Duration remembered, HttpServletRequest request,
			HttpServletResponse response, Authentication authentication) throws IOException {
		ConsoleUser user = (ConsoleUser) authentication.getPrincipal();
		String presented = ConsoleSignIn.Details.browserOf(request);
		String browser = authentication.getDetails() instanceof ConsoleSignIn.Details details && presented != null
				&& presented.equals(details.browser()) && signIn.isKnownBrowser(presented, user.username()) ? presented
						: Tokens.newToken();
		signIn.rememberBrowser(user.username(), browser);
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(KnownBrowsers.COOKIE, browser)
					.path("/console")
					.maxAge(remembered)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Strict")
					.build()
					.toString());
		response.sendRedirect(request.getContextPath() + "/console/");
	}

}
