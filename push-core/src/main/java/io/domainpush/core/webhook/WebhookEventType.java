package io.domainpush.core.webhook;

import java.util.Arrays;
import java.util.List;

/**
 * What a webhook can subscribe to, by the name it has in a delivery's {@code type} and in
 * {@code events}. {@code webhook.ping} is sent when asked for, whatever the subscription.
 */
public enum WebhookEventType {

	PUSH_COMPLETED("push.completed"), PUSH_REJECTED("push.rejected"), PUSH_CANCELLED("push.cancelled"),
	PUSH_AWAITING_APPROVAL("push.awaiting_approval"), PUSH_APPROVED("push.approved"), PUSH_DECLINED("push.declined"),
	PUSH_EXPIRED("push.expired"), PUSH_SCHEDULED("push.scheduled"), PUSH_DUE("push.due"),
	BATCH_FINISHED("batch.finished"), PING("webhook.ping");

	/**
	 * The names a webhook may subscribe to, as a regular expression for the request's
	 * constraint (an annotation needs a constant; a test keeps it equal to
	 * {@link #subscribable()}).
	 */
	public static final String SUBSCRIBABLE_PATTERN = "push\\.completed|push\\.rejected|push\\.cancelled"
			+ "|push\\.awaiting_approval|push\\.approved|push\\.declined|push\\.expired|push\\.scheduled"
			+ "|push\\.due|batch\\.finished";

	private final String wireName;

	WebhookEventType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * What a {@link io.domainpush.core.events.PushStatusChanged} is called, from the
	 * status it left (null: just submitted) and the one it reached.
	 */
	public static WebhookEventType ofChange(String previousStatus, String status) {
		if ("AWAITING_APPROVAL".equals(previousStatus)) {
			return switch (status) {
				case "DECLINED" -> PUSH_DECLINED;
				case "EXPIRED" -> PUSH_EXPIRED;
				default -> PUSH_APPROVED;
			};
		}
		if ("SCHEDULED".equals(previousStatus)) {
			return PUSH_DUE;
		}
		return "AWAITING_APPROVAL".equals(status) ? PUSH_AWAITING_APPROVAL : PUSH_SCHEDULED;
	}

	public String wireName() {
		return wireName;
	}

	/** The names a webhook may subscribe to. */
	public static List<String> subscribable() {
		return Arrays.stream(values()).filter(t -> t != PING).map(WebhookEventType::wireName).toList();
	}

}
