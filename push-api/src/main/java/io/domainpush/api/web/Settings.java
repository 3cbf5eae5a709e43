package io.domainpush.api.web;

import java.util.Map;

import io.domainpush.api.error.ApiException;

/** Settings objects sent by clients: bounded in keys and key length. */
public final class Settings {

	public static final int MAX_KEYS = 200;

	private Settings() {
	}

	public static Map<String, Object> check(Map<String, Object> settings, String field) {
		if (settings == null) {
			return Map.of();
		}
		if (settings.size() > MAX_KEYS) {
			throw ApiException.invalid(field + " has more than " + MAX_KEYS + " keys.");
		}
		for (String key : settings.keySet()) {
			if (key.isEmpty() || key.length() > 100 || key.chars().anyMatch(Character::isISOControl)) {
				throw ApiException.invalid(field + " has an invalid key.");
			}
		}
		return settings;
	}

}
