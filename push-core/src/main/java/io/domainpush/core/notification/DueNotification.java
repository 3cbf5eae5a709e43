package io.domainpush.core.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.domainpush.core.delivery.Queued;

/**
 * A notification claimed for an attempt, with what its email says: the push as the
 * database has it. Rendering from the database rather than from the event lets a retry, a
 * resend or a notification whose event never arrived produce the same email as the first
 * attempt.
 *
 * @param attempts attempts so far, this one included
 * @param queuedAt when the current delivery window began (completion, or the last resend)
 * @param messagesMoved what the push moved (its report); null for a push applied before
 * reports were recorded, as {@code bytesMoved} and {@code settingsChanged}
 * @param settingsChanged the keys of the settings that changed for its users, separated
 * by commas; null when none changed
 * @param approvalDeadline when a push awaiting approval expires (an APPROVAL request's);
 * null otherwise
 * @param notBefore the push's planned time, or null
 * @param traceParent the trace of the push's outcome (see {@link Queued#traceParent})
 */
public record DueNotification(UUID deliveryId, UUID pushId, NotificationAudience audience, String recipient,
		String messageId, int attempts, Instant queuedAt, String domain, long losingCompanyId, String losingCompanyName,
		long gainingCompanyId, String gainingCompanyName, Integer usersMoved, Instant completedAt,
		LocalDate billingStartsOn, Long messagesMoved, Long bytesMoved, String settingsChanged,
		Instant approvalDeadline, Instant notBefore, String traceParent) implements Queued {

	/** One outside any trace. */
	public DueNotification(UUID deliveryId, UUID pushId, NotificationAudience audience, String recipient,
			String messageId, int attempts, Instant queuedAt, String domain, long losingCompanyId,
			String losingCompanyName, long gainingCompanyId, String gainingCompanyName, Integer usersMoved,
			Instant completedAt, LocalDate billingStartsOn, Long messagesMoved, Long bytesMoved, String settingsChanged,
			Instant approvalDeadline, Instant notBefore) {
		this(deliveryId, pushId, audience, recipient, messageId, attempts, queuedAt, domain, losingCompanyId,
				losingCompanyName, gainingCompanyId, gainingCompanyName, usersMoved, completedAt, billingStartsOn,
				messagesMoved, bytesMoved, settingsChanged, approvalDeadline, notBefore, null);
	}

	@Override
	public String description() {
		return switch (audience) {
			case GAINING -> "Notification of push " + pushId;
			case LOSING -> "Notification of push " + pushId + " (losing side)";
			case APPROVAL -> "Approval request of push " + pushId;
		};
	}

}
