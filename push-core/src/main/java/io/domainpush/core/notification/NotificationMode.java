package io.domainpush.core.notification;

import java.util.Locale;

/**
 * How a company wants to hear about the pushes of a bulk migration (batch), on either
 * side: one email per domain (the article's behaviour, the default) or one digest email
 * per batch once it finishes. Single pushes always get their own email. Stored in
 * {@code companies.notification_mode} as the constant's name; written in JSON in lower
 * case ({@code per_domain}, {@code batch_digest}).
 */
public enum NotificationMode {

	PER_DOMAIN, BATCH_DIGEST;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @return the mode written as in JSON, or null when {@code text} names none
	 */
	public static NotificationMode fromJson(String text) {
		for (NotificationMode mode : values()) {
			if (mode.json().equals(text)) {
				return mode;
			}
		}
		return null;
	}

}
