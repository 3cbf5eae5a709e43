package io.domainpush.api.security;

import io.domainpush.api.account.TokenRepository;
import io.domainpush.api.account.Tokens;
import io.domainpush.api.common.Caller;

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
 * Resolves {@code Authorization: Bearer <token>} to a {@link Caller}; leaves the request
 * anonymous otherwise. A valid token is always looked at first, so it is never refused
 * because others failed from the same address (a NAT shared with an attacker locks nobody
 * out, the operator least of all); then the per-token and per-company rate limits apply.
 * Only failing attempts are throttled per client address: above the limit a wrong token
 * is answered 429 instead of 401. Both answer RATE_LIMITED with Retry-After.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private static final int MAX_TOKEN_LENGTH = 200;

	private final TokenRepository tokens;

	private final RateLimiter perToken;

	private final RateLimiter perCompany;

	private final RateLimiter failedPerAddress;

	private final ProblemWriter problems;

	BearerTokenFilter(TokenRepository tokens, RateLimitProperties limits, ProblemWriter problems) {
		this.tokens = tokens;
		this.perToken = new RateLimiter(limits.requestsPerMinute());
		this.perCompany = new RateLimiter(limits.requestsPerMinutePerCompany());
		this.failedPerAddress = new RateLimiter(limits.failedAuthenticationsPerMinute());
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			String token = header.substring(PREFIX.length()).trim();
			Optional<Caller> caller;
			try {
				// a hash lookup by a unique index: the same cost for a valid token and a
				// wrong one
				caller = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? Optional.empty()
						: tokens.authenticate(Tokens.hash(token));
			}
			catch (DataAccessException databaseDown) {
				// tokens live in the database: without it nothing can be authorised, or
				// stored
				response.setHeader(HttpHeaders.RETRY_AFTER, "5");
				problems.write(response, ErrorCode.SERVICE_UNAVAILABLE,
						"The service cannot check credentials right now; nothing was changed. Retry later.");
				return;
			}
			if (caller.isEmpty()) {
				long wait = failedPerAddress.tryAcquire(request.getRemoteAddr());
				if (wait > 0) {
					problems.rateLimited(response, wait, "Too many failed authentications from this address.");
					return;
				}
			}
			else if (!withinRateLimits(caller.get(), response)) {
				return;
			}
			else {
				Caller c = caller.get();
				SecurityContextHolder.getContext()
					.setAuthentication(new UsernamePasswordAuthenticationToken(c, null,
							List.of(new SimpleGrantedAuthority(c.isOperator() ? "ROLE_OPERATOR" : "ROLE_ADMIN"))));
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Per token, and per company (so minting tokens buys no extra allowance); the
	 * operator per token only.
	 */
	private boolean withinRateLimits(Caller caller, HttpServletResponse response) throws IOException {
		long wait = perToken.tryAcquire(caller.actorId());
		if (wait > 0) {
			problems.rateLimited(response, wait, "Too many requests with this token.");
			return false;
		}
		if (!caller.isOperator()) {
			wait = perCompany.tryAcquire(caller.companyId());
			if (wait > 0) {
				problems.rateLimited(response, wait, "Too many requests from this company.");
				return false;
			}
		}
		return true;
	}

}
