package io.domainpush.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered endpoint as its company sees it (never its secret).
 *
 * @param status ENABLED, or DISABLED (it answered 410 Gone)
 */
public record Webhook(UUID webhookId, long companyId, String url, List<String> events, String status,
		String disabledReason, Instant createdAt, Instant secretRotatedAt) {

	/** Delivered to. */
	public static final String ENABLED = "ENABLED";

	/** Answered 410 Gone: nothing more is sent to it. */
	public static final String DISABLED = "DISABLED";

	public boolean enabled() {
		return ENABLED.equals(status);
	}

}
