package io.domainpush.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The worker refused a push when it came to apply it; {@code reason} is a code of DESIGN
 * §5.
 */
public record PushRejected(UUID eventId, UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
		String reason, Instant rejectedAt) implements PushEvent.AboutPush {

	public PushRejected {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(rejectedAt, "rejected_at");
	}

	public static PushRejected of(UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
			String reason, Instant rejectedAt) {
		return new PushRejected(UUID.randomUUID(), pushId, domain, losingCompanyId, gainingCompanyId, reason,
				rejectedAt);
	}

}
