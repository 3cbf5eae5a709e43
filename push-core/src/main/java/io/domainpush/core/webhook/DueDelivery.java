package io.domainpush.core.webhook;

import java.time.Instant;
import java.util.UUID;

import io.domainpush.core.delivery.Queued;

/**
 * A delivery claimed for an attempt, with what the attempt needs: where, what, and the
 * endpoint's secrets (sealed; the previous one only while a rotation's overlap lasts).
 *
 * @param companyId the endpoint's company
 * @param attempts attempts so far, this one included
 * @param queuedAt when the event was made into this delivery (its retry window begins)
 * @param traceParent the trace of the event (see {@link Queued#traceParent})
 */
public record DueDelivery(UUID deliveryId, UUID webhookId, long companyId, String url, byte[] secret,
		byte[] previousSecret, String eventType, String payload, int attempts, Instant queuedAt,
		String traceParent) implements Queued {

	/** One outside any trace. */
	public DueDelivery(UUID deliveryId, UUID webhookId, long companyId, String url, byte[] secret,
			byte[] previousSecret, String eventType, String payload, int attempts, Instant queuedAt) {
		this(deliveryId, webhookId, companyId, url, secret, previousSecret, eventType, payload, attempts, queuedAt,
				null);
	}

	public String messageId() {
		return WebhookDelivery.messageId(deliveryId);
	}

	@Override
	public String description() {
		return "Webhook delivery " + messageId() + " to " + webhookId;
	}

}
