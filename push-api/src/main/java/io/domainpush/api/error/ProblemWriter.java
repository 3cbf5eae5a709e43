package io.domainpush.api.error;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes problem+json from filters, which run before Spring MVC's exception handling. */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The refusal of {@code request} in its audience's style: problem+json for the REST
	 * API (and OMA's shape for the OMA-compatible API, a page for people).
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
			throws IOException {
		ErrorBodies.Audience audience = ErrorBodies.Audience.of(request.getRequestURI());
		if (audience == ErrorBodies.Audience.REST) {
			write(response, code, detail);
			return;
		}
		response.setStatus(code.status().value());
		response.setContentType(audience.contentType());
		response.getOutputStream().write(ErrorBodies.body(audience, code.status().value(), detail));
	}

	public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// written, not closed: a closed response also closes the request body, which may
		// still have to be read
		response.getOutputStream().write(json.writeValueAsBytes(ApiException.problem(code, detail)));
	}

	public void rateLimited(HttpServletResponse response, long retryAfterSeconds, String detail) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
		write(response, ErrorCode.RATE_LIMITED, detail + " Retry after " + retryAfterSeconds + " s.");
	}

}
