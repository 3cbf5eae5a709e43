package io.domainpush.core.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email domain names as the platform accepts them: LDH labels, at least two, 253
 * characters at most.
 */
public final class DomainNames {

	public static final int MAX_LENGTH = 253;

	private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private DomainNames() {
	}

	/**
	 * The canonical (lower-case) form, or null when {@code raw} is not a valid domain
	 * name.
	 */
	public static String normalize(String raw) {
		if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || !isAscii(raw)) {
			return null;
		}
		// ASCII only before lower-casing: Java lower-cases a few other characters to
		// ASCII letters (the Kelvin sign to k), which would pass the labels' pattern
		String name = raw.toLowerCase(Locale.ROOT);
		String[] labels = name.split("\\.", -1);
		if (labels.length < 2) {
			return null;
		}
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return null;
			}
		}
		// the top-level label is never all digits, so "10.0.0.1" is not a domain
		if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
			return null;
		}
		return name;
	}

	private static boolean isAscii(String raw) {
		return raw.chars().allMatch(c -> c < 0x80);
	}

	public static boolean isValid(String raw) {
		return normalize(raw) != null;
	}

}
