package io.domainpush.core.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery claimed for an attempt, with what the attempt needs: where, what, and the
 * endpoint's secrets (sealed; the previous one only while a rotation's overlap lasts).
 *
 * @param attempts attempts so far, this one included
 */
public record DueDelivery(UUID deliveryId, UUID webhookId, String url, byte[] secret, byte[] previousSecret,
		String eventType, String payload, int attempts, Instant createdAt) {

	public String messageId() {
		return WebhookDelivery.messageId(deliveryId);
	}

}
