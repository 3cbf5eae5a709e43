package io.domainpush.core.push;

import java.time.Duration;
import java.util.UUID;

/**
 * What one attempt did to a notification.
 *
 * @param status SENT, SKIPPED, FAILED, or PENDING (to be attempted again)
 * @param retryMillis for PENDING, the wait before the next attempt; null otherwise
 */
public record NotificationOutcome(UUID pushId, NotificationStatus status, String error, Long retryMillis) {

	public static NotificationOutcome sent(UUID pushId) {
		return new NotificationOutcome(pushId, NotificationStatus.SENT, null, null);
	}

	public static NotificationOutcome skipped(UUID pushId) {
		return new NotificationOutcome(pushId, NotificationStatus.SKIPPED, null, null);
	}

	public static NotificationOutcome failed(UUID pushId, String error) {
		return new NotificationOutcome(pushId, NotificationStatus.FAILED, error, null);
	}

	public static NotificationOutcome retryAfter(UUID pushId, String error, Duration wait) {
		return new NotificationOutcome(pushId, NotificationStatus.PENDING, error, wait.toMillis());
	}

}
