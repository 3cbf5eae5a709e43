package io.domainpush.api.account;

import java.util.Locale;

/**
 * Usernames are email addresses compared without regard to case or surrounding spaces:
 * the one place that says how a typed username becomes the stored one.
 */
public final class Usernames {

	private Usernames() {
	}

	/** {@code null} becomes the empty string, which no account has. */
	public static String normalize(String typed) {
		return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
	}

}
