package io.domainpush.api.security;

import io.domainpush.api.account.AccountRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The console: people sign in with a username and password and keep a session (a cookie,
 * {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over TLS, ended after 30 idle
 * minutes; the session itself in PostgreSQL). Every form carries a CSRF token; the
 * session id changes at sign-in. Everything the API chain does not guard is the
 * console's, so no path is left unguarded.
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
			AccountRequestLimit requestLimit) throws Exception {
		ConsoleSignIn signIn = new ConsoleSignIn(accountSignIn);
		AuthenticationFailureHandler failure = (request, response, ex) -> response.sendRedirect(request.getContextPath()
				+ SIGN_IN + (ex instanceof ConsoleSignIn.SignInThrottled ? "?later" : "?error"));
		return http.authenticationProvider(signIn)
			.formLogin(form -> form.loginPage(SIGN_IN)
				.loginProcessingUrl(SIGN_IN)
				.defaultSuccessUrl("/console/", true)
				.failureHandler(failure)
				.permitAll())
			.logout(logout -> logout.logoutUrl("/console/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP)))
			.addFilterAfter(new ConsoleAccountFilter(accounts, requestLimit), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> auth.requestMatchers("/assets/**", "/webjars/**", "/favicon.ico")
				.permitAll()
				.anyRequest()
				.authenticated())
			.build();
	}

}
