package io.domainpush.core.push;

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
		};
	}

}
