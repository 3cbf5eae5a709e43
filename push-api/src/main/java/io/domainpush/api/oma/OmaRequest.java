package io.domainpush.api.oma;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.domainpush.api.common.CompanyIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One OMA request's fields, read with OMA's types: a field of the wrong type, or one the
 * method does not know, is error 5 naming it, before anything is done.
 */
final class OmaRequest {

	private final JsonNode body;

	private final String path;

	OmaRequest(JsonNode body) {
		this(body, "");
	}

	private OmaRequest(JsonNode body, String path) {
		this.body = body;
		this.path = path;
	}

	/**
	 * Error 5 for any field but these, {@code credentials}, and a top-level {@code token}
	 * that repeats {@code credentials.token}: OpenSRS's own toolkit moves the session
	 * token into the credentials and also copies every request key into the body. A
	 * top-level token that differs from the credentials' would leave it unclear which one
	 * acts, so it is refused.
	 */
	OmaRequest allowOnly(Set<String> fields) {
		for (String field : body.propertyNames()) {
			if (!fields.contains(field) && !(path.isEmpty() && tolerated(field))) {
				throw OmaException.badRequest("Unknown field '" + path + field + "'.");
			}
		}
		return this;
	}

	private boolean tolerated(String field) {
		return field.equals("credentials") || (field.equals("token") && body.get("token").isString()
				&& body.path("credentials").path("token").isString()
				&& body.get("token").asString().equals(body.path("credentials").path("token").asString()));
	}

	boolean has(String field) {
		JsonNode value = body.get(field);
		return value != null && !value.isNull();
	}

	String text(String field) {
		JsonNode value = required(field);
		if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > 1000) {
			throw OmaException.badRequest("'" + path + field + "' must be a non-empty string.");
		}
		return value.stringValue();
	}

	/** A company's id: a positive integer, given as a number or as a string of digits. */
	long id(String field) {
		return id(required(field), path + field);
	}

	long optionalLong(String field, long fallback, long min, long max) {
		if (!has(field)) {
			return fallback;
		}
		JsonNode value = body.get(field);
		long number = value.isIntegralNumber() && value.canConvertToLong() ? value.longValue()
				: value.isString() && value.stringValue().matches("-?[0-9]{1,18}") ? Long.parseLong(value.stringValue())
						: Long.MIN_VALUE;
		if (number < min || number > max) {
			throw OmaException
				.badRequest("'" + path + field + "' must be a whole number from " + min + " to " + max + ".");
		}
		return number;
	}

	boolean flag(String field, boolean fallback) {
		if (!has(field)) {
			return fallback;
		}
		JsonNode value = body.get(field);
		if (!value.isBoolean()) {
			throw OmaException.badRequest("'" + path + field + "' must be true or false.");
		}
		return value.booleanValue();
	}

	/** A nested object, read the same way; empty when absent. */
	OmaRequest object(String field) {
		if (!has(field)) {
			return new OmaRequest(JsonNodeFactory.instance.objectNode(), path + field + ".");
		}
		JsonNode value = body.get(field);
		if (!value.isObject()) {
			throw OmaException.badRequest("'" + path + field + "' must be an object.");
		}
		return new OmaRequest(value, path + field + ".");
	}

	Set<String> fields() {
		return Set.copyOf(body.propertyNames());
	}

	JsonNode raw(String field) {
		return body.get(field);
	}

	/** A list of company ids (numbers or strings of digits), at most {@code max}. */
	static List<Long> ids(JsonNode value, String field, int max) {
		if (value == null || !value.isArray()) {
			throw new OmaException(OmaError.BAD_ATTRIBUTES, "'" + field + "' must be a list of company ids.");
		}
		if (value.size() > max) {
			throw new OmaException(OmaError.BAD_ATTRIBUTES, "'" + field + "' has more than " + max + " entries.");
		}
		List<Long> ids = new ArrayList<>(value.size());
		for (JsonNode element : value.values()) {
			ids.add(id(element, field + "[]"));
		}
		return ids;
	}

	private JsonNode required(String field) {
		if (!has(field)) {
			throw OmaException.badRequest("'" + path + field + "' is required.");
		}
		return body.get(field);
	}

	private static long id(JsonNode value, String field) {
		if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() > 0) {
			return value.longValue();
		}
		if (value.isString() && CompanyIds.isOne(value.stringValue())) {
			return Long.parseLong(value.stringValue());
		}
		throw OmaException.badRequest("'" + field + "' must be a company id such as 1002.");
	}

}
