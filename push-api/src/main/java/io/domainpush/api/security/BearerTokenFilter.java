package io.domainpush.api.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Resolves {@code Authorization: Bearer <token>} to a {@link Caller}; leaves the request anonymous otherwise. */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private static final int MAX_TOKEN_LENGTH = 200;

	private final TokenRepository tokens;

	BearerTokenFilter(TokenRepository tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			String token = header.substring(PREFIX.length()).trim();
			Optional<Caller> caller = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? Optional.empty()
					: tokens.authenticate(Tokens.hash(token));
			caller.ifPresent(c -> SecurityContextHolder.getContext()
				.setAuthentication(new UsernamePasswordAuthenticationToken(c, null,
						List.of(new SimpleGrantedAuthority(c.isOperator() ? "ROLE_OPERATOR" : "ROLE_ADMIN")))));
		}
		chain.doFilter(request, response);
	}

}
