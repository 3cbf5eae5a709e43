package io.domainpush.core.webhook;

import java.util.Arrays;
import java.util.List;

/**
 * What a webhook can subscribe to, by the name it has in a delivery's {@code type} and in
 * {@code events}. {@code webhook.ping} is sent when asked for, whatever the subscription.
 */
public enum WebhookEventType {

	PUSH_COMPLETED("push.completed"), PUSH_REJECTED("push.rejected"), PUSH_CANCELLED("push.cancelled"),
	BATCH_FINISHED("batch.finished"), PING("webhook.ping");

	private final String wireName;

	WebhookEventType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}

	/** The names a webhook may subscribe to. */
	public static List<String> subscribable() {
		return Arrays.stream(values()).filter(t -> t != PING).map(WebhookEventType::wireName).toList();
	}

}
