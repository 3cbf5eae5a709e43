package io.domainpush.core.push;

import java.time.Instant;

/**
 * When and whether submitted pushes go ahead: not before {@code notBefore} (null: at
 * once), and only once the gaining company approves them, by {@code approvalDeadline}
 * (null: the gaining company accepts pushes automatically).
 */
public record PushPlan(Instant notBefore, Instant approvalDeadline) {

	/** At once, without approval: the article's standing permission. */
	public static final PushPlan NOW = new PushPlan(null, null);

	/** The status the pushes start in when submitted {@code at}. */
	public PushStatus initialStatus(Instant at) {
		if (approvalDeadline != null) {
			return PushStatus.AWAITING_APPROVAL;
		}
		return isLaterThan(at) ? PushStatus.SCHEDULED : PushStatus.ACCEPTED;
	}

	/** Whether the pushes must wait past {@code at} for their time. */
	public boolean isLaterThan(Instant at) {
		return notBefore != null && notBefore.isAfter(at);
	}

}
