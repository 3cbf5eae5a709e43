package io.domainpush.core.notification;

import java.util.UUID;

/**
 * The Message-ID of a push's notification email, derived from the push id and whom it
 * tells: every attempt, resend or duplicate after a crash carries the same one, so mail
 * systems and people recognise it as one message.
 */
public final class MessageIds {

	private MessageIds() {
	}

	/** The gaining company's email. */
	public static String of(UUID pushId) {
		return of(pushId, NotificationAudience.GAINING);
	}

	public static String of(UUID pushId, NotificationAudience audience) {
		return switch (audience) {
			case GAINING -> "<" + pushId + "@domain-push>";
			case LOSING -> "<" + pushId + ".losing@domain-push>";
			case APPROVAL -> "<" + pushId + ".approval@domain-push>";
		};
	}

	/**
	 * The digest of a batch for one side and company (a batch has one gaining company but
	 * may have several losing ones).
	 */
	public static String ofDigest(UUID batchId, NotificationAudience audience, long companyId) {
		return switch (audience) {
			case GAINING -> "<" + batchId + ".digest@domain-push>";
			case LOSING -> "<" + batchId + ".digest-losing-" + companyId + "@domain-push>";
			case APPROVAL -> throw new IllegalArgumentException("a batch has no approval digest");
		};
	}

}
