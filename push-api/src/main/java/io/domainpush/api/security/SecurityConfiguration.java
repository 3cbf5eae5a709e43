package io.domainpush.api.security;

import io.domainpush.api.account.TokenRepository;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.error.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** JSON only: nothing may load, frame or run. */
	static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	/** Swagger UI: its own scripts and styles only. */
	static final String SWAGGER_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	/** What the API chain guards; everything else is the console's. */
	static final String[] API_PATHS = { "/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**", "/error" };

	/** The OMA-compatible API's methods: {@code POST /api/<method>}. */
	static final String OMA_METHODS = "/api/*";

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, TokenRepository tokens, RateLimitProperties limits,
			ProblemWriter problems) throws Exception {
		AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			problems.write(response, ErrorCode.UNAUTHENTICATED,
					"A valid 'Authorization: Bearer <token>' header is required.");
		};
		RequestMatcher swaggerUi = request -> request.getRequestURI().startsWith("/swagger-ui");
		return http.securityMatcher(API_PATHS)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(b -> b.disable())
			.formLogin(f -> f.disable())
			.logout(l -> l.disable())
			.requestCache(c -> c.disable())
			.headers(headers -> headers.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
						new StaticHeadersWriter("Content-Security-Policy", SWAGGER_CSP)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
						new StaticHeadersWriter("Content-Security-Policy", API_CSP))))
			.addFilterBefore(new BearerTokenFilter(tokens, limits, problems), AnonymousAuthenticationFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated))
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
						"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				// the OMA-compatible API: credentials come in each request's body
				// (OmaEndpoint)
				.requestMatchers(HttpMethod.POST, OMA_METHODS)
				.permitAll()
				.anyRequest()
				.authenticated())
			.build();
	}

}
