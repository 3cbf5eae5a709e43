package io.domainpush.core.rules;

import java.util.Locale;

/**
 * How a gaining company takes pushes from the companies it allowed (R3): as they come
 * ({@code AUTOMATIC}, the article's standing permission) or each only once one of its
 * administrators approved it ({@code APPROVE}). Stored in {@code companies.push_accept}
 * as the constant's name; written in JSON in lower case ({@code automatic},
 * {@code approve}), as {@code NotificationMode} is.
 */
public enum AcceptMode {

	AUTOMATIC, APPROVE;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @return the mode written as in JSON, or null when {@code text} names none
	 */
	public static AcceptMode fromJson(String text) {
		for (AcceptMode mode : values()) {
			if (mode.json().equals(text)) {
				return mode;
			}
		}
		return null;
	}

}
