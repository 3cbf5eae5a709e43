package io.domainpush.api.oma;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OMA answer's HTTP status, body and, when rate-limited, seconds to wait. */
record OmaAnswer(int status, Map<String, Object> body, long retryAfter) {

	static OmaAnswer success(Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.putAll(fields);
		return new OmaAnswer(200, body, 0);
	}

	/** Fields in the order given ({@code name, value, name, value...}). */
	static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	/**
	 * A refusal; one that says {@code retry_after} also sends it as a Retry-After header.
	 */
	static OmaAnswer refusal(int status, OmaException refusal) {
		Map<String, Object> body = refusal.answer();
		return new OmaAnswer(status, body, body.get("retry_after") instanceof Long wait ? wait : 0);
	}

}
