package io.domainpush.core.webhook;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One event's delivery to one endpoint, as its company sees it.
 *
 * @param webhookMessageId the {@code webhook-id} header every attempt carries
 * @param status PENDING (next attempt at {@code nextAttemptAt}), DELIVERED or FAILED
 * @param deliveryId the row's key, with {@code createdAt} the position of a page's
 * cursor; clients know the delivery by {@code webhookMessageId}
 */
public record WebhookDelivery(String webhookMessageId, String event, UUID subjectId, String status, int attempts,
		Integer lastStatusCode, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
		@JsonIgnore UUID deliveryId) {

	/** The {@code webhook-id} of a delivery: stable across attempts and replays. */
	public static String messageId(UUID deliveryId) {
		return "msg_" + deliveryId.toString().replace("-", "");
	}

}
