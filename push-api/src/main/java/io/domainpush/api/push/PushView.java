package io.domainpush.api.push;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.PushStatus;

/**
 * A push as its two companies (and the operator) see it.
 *
 * @param notBefore when it is planned for (null: at once)
 * @param approvalDeadline when it expires unless the gaining company answers (null: no
 * approval asked)
 * @param decidedAt when the gaining company answered, or the approval expired
 */
public record PushView(UUID pushId, PushStatus status, String domain, long losingCompanyId, long gainingCompanyId,
		UUID batchId, OffsetDateTime submittedAt, OffsetDateTime completedAt, String reason, Integer usersMoved,
		LocalDate billingStartsOn, OffsetDateTime notBefore, OffsetDateTime approvalDeadline, OffsetDateTime decidedAt,
		Notification notification) {

	/**
	 * {@code to} is shown to the gaining company and the operator only: it is the gaining
	 * company's address.
	 */
	public record Notification(NotificationStatus status, String to, OffsetDateTime sentAt, String error) {
	}

	PushView forCaller(boolean seesRecipient) {
		if (seesRecipient || notification == null) {
			return this;
		}
		return new PushView(pushId, status, domain, losingCompanyId, gainingCompanyId, batchId, submittedAt,
				completedAt, reason, usersMoved, billingStartsOn, notBefore, approvalDeadline, decidedAt,
				new Notification(notification.status(), null, notification.sentAt(), null));
	}

}
