package io.domainpush.api.web;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import io.domainpush.api.error.ApiException;

/**
 * Settings objects sent by clients (company defaults, brands, domains, users) are
 * bounded: at most {@value #MAX_KEYS} keys at the top, {@value #MAX_DEPTH} levels of
 * nesting, {@code max-settings-entries} keys and values in all,
 * {@code max-settings-bytes} of text (keys, strings and numbers as JSON would write
 * them), finite numbers only. Beyond any of these: 400. Every response that lists them
 * stays small.
 */
public final class Settings {

	public static final int MAX_KEYS = 200;

	public static final int MAX_DEPTH = 10;

	private Settings() {
	}

	public static Map<String, Object> check(Map<String, Object> settings, String field, ApiLimits limits) {
		if (settings == null) {
			return Map.of();
		}
		if (settings.size() > MAX_KEYS) {
			throw ApiException.invalid(field + " has more than " + MAX_KEYS + " keys.");
		}
		Size size = new Size();
		measure(settings, 1, size, field, limits);
		return settings;
	}

	private static void measure(Object value, int depth, Size size, String field, ApiLimits limits) {
		if (depth > MAX_DEPTH) {
			throw ApiException.invalid(field + " is nested deeper than " + MAX_DEPTH + " levels.");
		}
		if (++size.entries > limits.maxSettingsEntries()) {
			throw ApiException.invalid(field + " has more than " + limits.maxSettingsEntries() + " keys and values.");
		}
		if (value instanceof Map<?, ?> map) {
			size.bytes += 2;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				if (key.isEmpty() || key.length() > 100 || key.chars().anyMatch(Character::isISOControl)) {
					throw ApiException.invalid(field + " has an invalid key.");
				}
				size.bytes += key.length() + 4;
				measure(entry.getValue(), depth + 1, size, field, limits);
			}
		}
		else if (value instanceof Collection<?> list) {
			size.bytes += 2;
			for (Object element : list) {
				measure(element, depth + 1, size, field, limits);
			}
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (!Double.isFinite(number)) {
				throw ApiException.invalid(field + " holds a number too large to represent.");
			}
			size.bytes += 24;
		}
		else if (value instanceof BigDecimal decimal) {
			size.bytes += decimal.toString().length();
		}
		else {
			size.bytes += value == null ? 4 : String.valueOf(value).length() + 2;
		}
		if (size.bytes > limits.maxSettingsBytes().toBytes()) {
			throw ApiException.invalid(field + " is larger than " + limits.maxSettingsBytes().toKilobytes() + " KB.");
		}
	}

	private static final class Size {

		long bytes;

		int entries;

	}

}
