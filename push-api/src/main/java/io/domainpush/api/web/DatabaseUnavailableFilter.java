package io.domainpush.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.error.ProblemWriter;
import io.domainpush.core.kafka.TransientFailures;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A database outage met before Spring MVC's own error handling (loading a console
 * session, an account's filter) answers 503 with {@code Retry-After}, never a 500 with a
 * stack trace: problem+json on the API, OMA's answer on the OMA-compatible API, a short
 * page on the console. One log line per request, no stack trace.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	static final long RETRY_AFTER_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final ProblemWriter problems;

	DatabaseUnavailableFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!TransientFailures.isTransient(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("{} {} not served, the database is unavailable: {}", request.getMethod(), request.getRequestURI(),
					ex.toString());
			answer(request, response);
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.resetBuffer();
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		problems.write(request, response, ErrorCode.SERVICE_UNAVAILABLE,
				"The service cannot serve requests right now; nothing was changed. Retry in a few seconds.");
	}

}
