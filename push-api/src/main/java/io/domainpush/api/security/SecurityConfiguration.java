package io.domainpush.api.security;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, TokenRepository tokens, JsonMapper json) throws Exception {
		AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
			ProblemDetail problem = ApiException.problem(ErrorCode.UNAUTHENTICATED,
					"A valid 'Authorization: Bearer <token>' header is required.");
			response.setStatus(401);
			response.setHeader("WWW-Authenticate", "Bearer");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
		return http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(b -> b.disable())
			.formLogin(f -> f.disable())
			.logout(l -> l.disable())
			.requestCache(c -> c.disable())
			.addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated))
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
						"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.build();
	}

}
