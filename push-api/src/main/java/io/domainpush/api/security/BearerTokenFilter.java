package io.domainpush.api.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.error.ProblemWriter;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves {@code Authorization: Bearer <token>} to a {@link Caller}; leaves the request anonymous
 * otherwise. Then applies the per-token rate limit, and throttles client addresses that keep presenting
 * wrong tokens (they are refused before any lookup): both answer 429 RATE_LIMITED with Retry-After.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private static final int MAX_TOKEN_LENGTH = 200;

	private final TokenRepository tokens;

	private final RateLimiter perToken;

	private final RateLimiter failedPerAddress;

	private final ProblemWriter problems;

	BearerTokenFilter(TokenRepository tokens, RateLimitProperties limits, ProblemWriter problems) {
		this.tokens = tokens;
		this.perToken = new RateLimiter(limits.requestsPerMinute());
		this.failedPerAddress = new RateLimiter(limits.failedAuthenticationsPerMinute());
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			String address = request.getRemoteAddr();
			long wait = failedPerAddress.retryAfter(address);
			if (wait > 0) {
				problems.rateLimited(response, wait, "Too many failed authentications from this address.");
				return;
			}
			String token = header.substring(PREFIX.length()).trim();
			Optional<Caller> caller;
			try {
				caller = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? Optional.empty()
						: tokens.authenticate(Tokens.hash(token));
			}
			catch (DataAccessException databaseDown) {
				// tokens live in the database: without it nothing can be authorised, or stored
				response.setHeader(HttpHeaders.RETRY_AFTER, "5");
				problems.write(response, ErrorCode.SERVICE_UNAVAILABLE,
						"The service cannot check credentials right now; nothing was changed. Retry later.");
				return;
			}
			if (caller.isEmpty()) {
				failedPerAddress.tryAcquire(address);
			}
			else {
				Caller c = caller.get();
				wait = perToken.tryAcquire(c.tokenId());
				if (wait > 0) {
					problems.rateLimited(response, wait, "Too many requests with this token.");
					return;
				}
				SecurityContextHolder.getContext()
					.setAuthentication(new UsernamePasswordAuthenticationToken(c, null,
							List.of(new SimpleGrantedAuthority(c.isOperator() ? "ROLE_OPERATOR" : "ROLE_ADMIN"))));
			}
		}
		chain.doFilter(request, response);
	}

}
