package io.domainpush.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.domainpush.core.webhook.Webhook;

/** Webhooks as the API shows them. */
final class WebhookViews {

	private WebhookViews() {
	}

	/**
	 * A registered endpoint; {@code secret} only in the answer that made it (registration
	 * or rotation), never again.
	 */
	record WebhookView(UUID webhookId, long companyId, String url, List<String> events, String status,
			String disabledReason, Instant createdAt, Instant secretRotatedAt, String secret) {

		/** Delivered to (not disabled by a 410 Gone). */
		public boolean enabled() {
			return Webhook.ENABLED.equals(status);
		}

		static WebhookView of(Webhook webhook) {
			return of(webhook, null);
		}

		static WebhookView of(Webhook webhook, String secret) {
			return new WebhookView(webhook.webhookId(), webhook.companyId(), webhook.url(), webhook.events(),
					webhook.status(), webhook.disabledReason(), webhook.createdAt(), webhook.secretRotatedAt(), secret);
		}

	}

	/** A ping was queued: its delivery carries this {@code webhook-id}. */
	record PingQueued(String webhookMessageId) {
	}

}
