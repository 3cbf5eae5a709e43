package io.domainpush.core.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A push was applied: the domain now belongs to the gaining company (topic
 * {@link Topics#EVENTS}). {@code notificationEmail} is the gaining company's address when
 * the push completed, or null (R9).
 */
public record PushCompleted(UUID eventId, UUID pushId, String domain, long losingCompanyId, String losingCompanyName,
		long gainingCompanyId, String gainingCompanyName, int usersMoved, Instant submittedAt, Instant completedAt,
		LocalDate billingStartsOn, String notificationEmail) implements PushEvent.AboutPush {

	public PushCompleted {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(completedAt, "completed_at");
		Objects.requireNonNull(billingStartsOn, "billing_starts_on");
	}

	public static PushCompleted of(UUID pushId, String domain, long losingCompanyId, String losingCompanyName,
			long gainingCompanyId, String gainingCompanyName, int usersMoved, Instant submittedAt, Instant completedAt,
			LocalDate billingStartsOn, String notificationEmail) {
		return new PushCompleted(UUID.randomUUID(), pushId, domain, losingCompanyId, losingCompanyName,
				gainingCompanyId, gainingCompanyName, usersMoved, submittedAt, completedAt, billingStartsOn,
				notificationEmail);
	}

}
