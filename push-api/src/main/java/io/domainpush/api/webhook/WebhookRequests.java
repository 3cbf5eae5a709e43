package io.domainpush.api.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.domainpush.core.webhook.WebhookAddresses;

/** Request bodies of the webhook endpoints. */
final class WebhookRequests {

	private WebhookRequests() {
	}

	/**
	 * Events: one or more of push.completed, push.rejected, push.cancelled,
	 * batch.finished.
	 */
	record CreateWebhook(@NotBlank @Size(max = WebhookAddresses.MAX_URL_LENGTH) String url,
			@NotNull @Size(min = 1, max = 4) List<@NotNull @Pattern(
					regexp = "push\\.completed|push\\.rejected|push\\.cancelled|batch\\.finished",
					message = "must be one of push.completed, push.rejected, push.cancelled, batch.finished") String> events) {
	}

}
