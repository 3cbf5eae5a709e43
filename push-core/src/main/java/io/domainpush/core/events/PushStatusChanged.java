package io.domainpush.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A push moved to a status no other event announces (DESIGN §5): it was submitted to wait
 * for approval ({@code AWAITING_APPROVAL}) or for its time ({@code SCHEDULED}), it was
 * approved ({@code previous_status} AWAITING_APPROVAL, now ACCEPTED or SCHEDULED), its
 * time came (SCHEDULED to ACCEPTED), or it was {@code DECLINED} or {@code EXPIRED}.
 * Statuses are the names of {@code PushStatus}.
 *
 * @param previousStatus null when the push was just submitted
 * @param notBefore the push's planned time, or null (at once)
 * @param approvalDeadline when an unanswered approval expires, or null (no approval)
 */
public record PushStatusChanged(UUID eventId, UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
		String previousStatus, String status, Instant notBefore, Instant approvalDeadline,
		Instant changedAt) implements PushEvent.AboutPush {

	public PushStatusChanged {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(pushId, "push_id");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(changedAt, "changed_at");
	}

	public static PushStatusChanged of(UUID pushId, String domain, long losingCompanyId, long gainingCompanyId,
			String previousStatus, String status, Instant notBefore, Instant approvalDeadline, Instant changedAt) {
		return new PushStatusChanged(UUID.randomUUID(), pushId, domain, losingCompanyId, gainingCompanyId,
				previousStatus, status, notBefore, approvalDeadline, changedAt);
	}

}
