package io.domainpush.api.error;

import java.io.IOException;

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
