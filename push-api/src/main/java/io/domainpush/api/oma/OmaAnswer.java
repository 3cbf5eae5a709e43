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

	static OmaAnswer refusal(int status, OmaException refusal) {
		return new OmaAnswer(status, refusal.answer(), 0);
	}

}
