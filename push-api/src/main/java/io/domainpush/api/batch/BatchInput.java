package io.domainpush.api.batch;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch body as a stream, token by token or line by line: the body is never held
 * whole in memory, and reading stops at the first domain over the limit (413).
 */
final class BatchInput {

	private BatchInput() {
	}

	/**
	 * @param notBefore when the pushes are planned for, or null
	 * @param at {@code next_billing_cycle}, or null
	 */
	record Parsed(Long gainingCompanyId, List<String> domains, OffsetDateTime notBefore, String at) {
	}

	/** A time with its offset (ISO-8601), as {@code not_before} is given. */
	static OffsetDateTime time(String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid("not_before must be a time with its offset, e.g. 2027-01-01T00:00:00Z.");
		}
	}

	static Parsed json(InputStream body, JsonMapper json, int maxDomains) {
		Long gaining = null;
		List<String> domains = null;
		OffsetDateTime notBefore = null;
		String at = null;
		try (JsonParser parser = json.createParser(body)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "gaining_company_id" -> {
						expect(value, JsonToken.VALUE_NUMBER_INT);
						gaining = parser.getLongValue();
					}
					case "domains" -> {
						expect(value, JsonToken.START_ARRAY);
						domains = new ArrayList<>();
						while (parser.nextToken() != JsonToken.END_ARRAY) {
							if (parser.currentToken() != JsonToken.VALUE_STRING) {
								throw ApiException.invalid("domains must be an array of strings.");
							}
							add(domains, parser.getString(), maxDomains);
						}
					}
					case "not_before" -> {
						expect(value, JsonToken.VALUE_STRING);
						notBefore = time(parser.getString());
					}
					case "at" -> {
						expect(value, JsonToken.VALUE_STRING);
						at = parser.getString();
					}
					default -> throw ApiException.invalid("Unknown field '" + field + "'.");
				}
			}
			if (parser.nextToken() != null) {
				throw ApiException.invalid("Unexpected content after the JSON object.");
			}
		}
		catch (JacksonException ex) {
			throw ApiException.invalid("The request body is not valid JSON.");
		}
		if (domains == null) {
			throw ApiException.invalid("domains is required.");
		}
		return new Parsed(gaining, domains, notBefore, at);
	}

	/**
	 * One domain a line; blank lines and lines starting with '#' are ignored, as is a
	 * header line "domain".
	 */
	static Parsed csv(InputStream body, Long gaining, OffsetDateTime notBefore, String at, int maxDomains) {
		List<String> domains = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			boolean first = true;
			while ((line = reader.readLine()) != null) {
				String domain = line.strip();
				if (domain.endsWith(",")) {
					domain = domain.substring(0, domain.length() - 1).strip();
				}
				boolean header = first && domain.equalsIgnoreCase("domain");
				first = false;
				if (domain.isEmpty() || domain.startsWith("#") || header) {
					continue;
				}
				add(domains, domain, maxDomains);
			}
		}
		catch (IOException ex) {
			throw ApiException.invalid("The request body could not be read.");
		}
		return new Parsed(gaining, domains, notBefore, at);
	}

	private static void add(List<String> domains, String domain, int maxDomains) {
		if (domains.size() >= maxDomains) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A batch holds at most " + maxDomains + " domains.");
		}
		// a line longer than any domain name is kept short: it is refused as invalid
		// anyway
		domains.add(domain.length() > 300 ? domain.substring(0, 300) : domain);
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw ApiException.invalid("The request body does not have the expected shape.");
		}
	}

}
