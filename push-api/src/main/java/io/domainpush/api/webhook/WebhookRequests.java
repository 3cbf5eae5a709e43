package io.domainpush.api.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.domainpush.core.webhook.WebhookAddresses;
import io.domainpush.core.webhook.WebhookEventType;

/** Request bodies of the webhook endpoints. */
final class WebhookRequests {

	private WebhookRequests() {
	}

	/** Events: one or more of {@link WebhookEventType#subscribable()}. */
	record CreateWebhook(@NotBlank @Size(max = WebhookAddresses.MAX_URL_LENGTH) String url,
			@NotNull @Size(min = 1, max = 10) List<@NotNull @Pattern(regexp = WebhookEventType.SUBSCRIBABLE_PATTERN,
					message = "must be one of the event types a webhook can subscribe to (see the API documentation)") String> events) {
	}

}
