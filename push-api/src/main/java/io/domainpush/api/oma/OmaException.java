package io.domainpush.api.oma;

import java.util.LinkedHashMap;
import java.util.Map;

import io.domainpush.api.error.ApiException;

import org.springframework.http.ProblemDetail;

/**
 * An OMA answer with {@code success: false}: its error, what exactly was wrong, and any
 * extra fields (a push's id and status, say).
 */
final class OmaException extends RuntimeException {

	private final OmaError error;

	private final Map<String, Object> extra;

	OmaException(OmaError error, String detail) {
		this(error, detail, Map.of());
	}

	OmaException(OmaError error, String detail, Map<String, Object> extra) {
		super(detail, null, false, false);
		this.error = error;
		this.extra = extra;
	}

	OmaError error() {
		return error;
	}

	/** The answer's body. */
	Map<String, Object> answer() {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", false);
		answer.put("error_number", error.number());
		answer.put("error", getMessage() == null ? error.text() : error.text() + " " + getMessage());
		answer.putAll(extra);
		return answer;
	}

	/**
	 * A refusal of the REST API's services, in OMA's terms; {@code inAttributes}: the
	 * request's {@code attributes} were refused.
	 */
	static OmaException from(ApiException refusal, boolean inAttributes) {
		ProblemDetail problem = refusal.getBody();
		Object companies = problem.getProperties() == null ? null : problem.getProperties().get("companies");
		return new OmaException(OmaError.of(refusal, inAttributes),
				problem.getDetail() + (companies == null ? "" : " " + companies));
	}

	static OmaException badRequest(String detail) {
		return new OmaException(OmaError.BAD_REQUEST, detail);
	}

}
