package io.domainpush.core.notification;

/**
 * Whom a notification tells about a completed push: the gaining company (always, when it
 * has an address: the article's email) or the losing company (when it asked to be told of
 * domains pushed out). Stored in {@code notifications.audience} as the constant's name.
 */
public enum NotificationAudience {

	GAINING, LOSING

}
