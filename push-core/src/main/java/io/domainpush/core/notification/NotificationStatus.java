package io.domainpush.core.notification;

/**
 * Where the email of a completed push stands (DESIGN §5), stored in
 * {@code notifications.status}: {@code PENDING} until it is sent, fails for good, or was
 * never due ({@code SKIPPED}: the gaining company had no notification email). A FAILED
 * notification can be resent, which makes it PENDING again. {@code IN_DIGEST}: the push
 * belongs to a batch and the company wants one digest per batch; the batch's digest
 * (table {@code notification_digests}, which uses the other four) tells it.
 */
public enum NotificationStatus {

	PENDING, SENT, SKIPPED, FAILED, IN_DIGEST;

	/** A notification is due only where there is an address to send it to. */
	public static NotificationStatus initial(String recipient) {
		return recipient == null ? SKIPPED : PENDING;
	}

}
