package io.domainpush.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A push was cancelled while it was still ACCEPTED (by its submitter, the gaining
 * company's admin or an operator, alone or with the rest of its batch): nothing moved.
 */
public record PushCancelled(UUID eventId, UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
		Instant cancelledAt) implements PushEvent.AboutPush {

	public PushCancelled {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(cancelledAt, "cancelled_at");
	}

	public static PushCancelled of(UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
			Instant cancelledAt) {
		return new PushCancelled(UUID.randomUUID(), pushId, domain, losingCompanyId, gainingCompanyId, cancelledAt);
	}

}
