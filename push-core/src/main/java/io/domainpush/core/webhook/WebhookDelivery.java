package io.domainpush.core.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint, as its company sees it.
 *
 * @param webhookMessageId the {@code webhook-id} header every attempt carries
 * @param status PENDING (next attempt at {@code nextAttemptAt}), DELIVERED or FAILED
 */
public record WebhookDelivery(String webhookMessageId, String event, UUID subjectId, String status, int attempts,
		Integer lastStatusCode, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {

	/** The {@code webhook-id} of a delivery: stable across attempts and replays. */
	public static String messageId(UUID deliveryId) {
		return "msg_" + deliveryId.toString().replace("-", "");
	}

}
