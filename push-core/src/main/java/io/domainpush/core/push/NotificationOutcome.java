package io.domainpush.core.push;

import java.time.Duration;
import java.util.UUID;

/**
 * What one attempt did to a notification.
 *
 * @param status SENT, SKIPPED, FAILED, or PENDING (to be attempted again)
 * @param retryMillis for PENDING, the wait before the next attempt; null otherwise
 */
public record NotificationOutcome(UUID pushId, NotificationAudience audience, NotificationStatus status, String error,
		Long retryMillis) {

	public static NotificationOutcome sent(DueNotification notification) {
		return of(notification, NotificationStatus.SENT, null, null);
	}

	public static NotificationOutcome skipped(DueNotification notification) {
		return of(notification, NotificationStatus.SKIPPED, null, null);
	}

	public static NotificationOutcome failed(DueNotification notification, String error) {
		return of(notification, NotificationStatus.FAILED, error, null);
	}

	public static NotificationOutcome retryAfter(DueNotification notification, String error, Duration wait) {
		return of(notification, NotificationStatus.PENDING, error, wait.toMillis());
	}

	private static NotificationOutcome of(DueNotification notification, NotificationStatus status, String error,
			Long retryMillis) {
		return new NotificationOutcome(notification.pushId(), notification.audience(), status, error, retryMillis);
	}

}
