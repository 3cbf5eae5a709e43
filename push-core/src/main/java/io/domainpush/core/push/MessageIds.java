package io.domainpush.core.push;

import java.util.UUID;

/**
 * The Message-ID of a push's notification email, derived from the push id: every attempt,
 * resend or duplicate after a crash carries the same one, so mail systems and people
 * recognise it as one message.
 */
public final class MessageIds {

	private MessageIds() {
	}

	public static String of(UUID pushId) {
		return "<" + pushId + "@domain-push>";
	}

}
