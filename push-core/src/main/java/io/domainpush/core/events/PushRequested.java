package io.domainpush.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An admin asked to push {@code domain} from the losing to the gaining company (topic
 * {@link Topics#REQUESTS}).
 */
public record PushRequested(UUID eventId, UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
		Instant submittedAt) implements PushEvent.AboutPush {

	public PushRequested {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(submittedAt, "submitted_at");
	}

	public static PushRequested of(UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
			Instant submittedAt) {
		return new PushRequested(UUID.randomUUID(), pushId, domain, losingCompanyId, gainingCompanyId, submittedAt);
	}

}
