package io.domainpush.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An admin asked to push {@code domain} from the losing to the gaining company (topic
 * {@link Topics#REQUESTS}).
 */
public record PushRequested(String type, int version, UUID eventId, UUID pushId, String domain, long losingCompanyId,
		long gainingCompanyId, Instant submittedAt) implements PushEvent.AboutPush {

	public static final String TYPE = "PushRequested";

	public static final int VERSION = 1;

	public PushRequested {
		EventChecks.require(TYPE, VERSION, type, version);
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(submittedAt, "submitted_at");
	}

	public static PushRequested of(UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
			Instant submittedAt) {
		return new PushRequested(TYPE, VERSION, UUID.randomUUID(), pushId, domain, losingCompanyId, gainingCompanyId,
				submittedAt);
	}

}
