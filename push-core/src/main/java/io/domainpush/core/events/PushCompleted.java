package io.domainpush.core.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A push was applied: the domain now belongs to the gaining company (topic
 * {@link Topics#EVENTS}). {@code notificationEmail} is the gaining company's address when
 * the push completed, or null (R9). {@code report} is what the push moved besides its
 * users (null in events written before reports existed: an added field, so still version
 * 1).
 */
public record PushCompleted(UUID eventId, UUID pushId, String domain, long losingCompanyId, String losingCompanyName,
		long gainingCompanyId, String gainingCompanyName, int usersMoved, Instant submittedAt, Instant completedAt,
		LocalDate billingStartsOn, String notificationEmail, Report report) implements PushEvent.AboutPush {

	/**
	 * The messages and bytes that moved with the domain, and each effective setting that
	 * changed for its users ({@code key}, {@code before}, {@code after}, {@code source}).
	 */
	public record Report(long messagesMoved, long bytesMoved, List<Map<String, Object>> settingsChanged) {
	}

	public PushCompleted {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(completedAt, "completed_at");
		Objects.requireNonNull(billingStartsOn, "billing_starts_on");
	}

	public static PushCompleted of(UUID pushId, String domain, long losingCompanyId, String losingCompanyName,
			long gainingCompanyId, String gainingCompanyName, int usersMoved, Instant submittedAt, Instant completedAt,
			LocalDate billingStartsOn, String notificationEmail, Report report) {
		return new PushCompleted(UUID.randomUUID(), pushId, domain, losingCompanyId, losingCompanyName,
				gainingCompanyId, gainingCompanyName, usersMoved, submittedAt, completedAt, billingStartsOn,
				notificationEmail, report);
	}

}
