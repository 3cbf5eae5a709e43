package io.domainpush.core.push;

import java.time.Duration;
import java.util.UUID;

/**
 * What one attempt did to a digest.
 *
 * @param status SENT, SKIPPED, FAILED, or PENDING (to be attempted again)
 * @param retryMillis for PENDING, the wait before the next attempt; null otherwise
 */
public record DigestOutcome(UUID batchId, NotificationAudience audience, long companyId, NotificationStatus status,
		String error, Long retryMillis) {

	public static DigestOutcome sent(DueDigest digest) {
		return of(digest, NotificationStatus.SENT, null, null);
	}

	public static DigestOutcome skipped(DueDigest digest) {
		return of(digest, NotificationStatus.SKIPPED, null, null);
	}

	public static DigestOutcome failed(DueDigest digest, String error) {
		return of(digest, NotificationStatus.FAILED, error, null);
	}

	public static DigestOutcome retryAfter(DueDigest digest, String error, Duration wait) {
		return of(digest, NotificationStatus.PENDING, error, wait.toMillis());
	}

	private static DigestOutcome of(DueDigest digest, NotificationStatus status, String error, Long retryMillis) {
		return new DigestOutcome(digest.batchId(), digest.audience(), digest.companyId(), status, error, retryMillis);
	}

}
