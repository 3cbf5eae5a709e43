package io.domainpush.core.notification;

/**
 * Whom a notification tells about a push: the gaining company of a completed push
 * (always, when it has an address: the article's email), the losing company (when it
 * asked to be told of domains pushed out), or the gaining company asked to approve a push
 * ({@code APPROVAL}). Stored in {@code notifications.audience} as the constant's name;
 * digests are only ever GAINING or LOSING.
 */
public enum NotificationAudience {

	GAINING, LOSING, APPROVAL

}
