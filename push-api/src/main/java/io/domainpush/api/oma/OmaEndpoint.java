package io.domainpush.api.oma;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/<method>}: the OMA-compatible API. The body is read as JSON whatever
 * its content type says, as OMA clients do not all send one (and {@code curl -d} sends
 * {@code application/x-www-form-urlencoded}): it is read from the stream itself, since
 * Spring would rebuild a form body from its parameters.
 */
@RestController
class OmaEndpoint {

	private final OmaApi api;

	OmaEndpoint(OmaApi api) {
		this.api = api;
	}

	@PostMapping(path = "/api/{method}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> call(@PathVariable String method, HttpServletRequest request)
			throws IOException {
		OmaAnswer answer = api.call(method, request.getInputStream().readAllBytes(), request.getRemoteAddr());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (answer.retryAfter() > 0) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfter()));
		}
		return response.body(answer.body());
	}

}
