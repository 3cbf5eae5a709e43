package io.domainpush.core.push;

/**
 * Where the email of a completed push stands (DESIGN §5), stored in
 * {@code notifications.status}: {@code PENDING} until it is sent, fails for good, or was
 * never due ({@code SKIPPED}: the gaining company had no notification email). A FAILED
 * notification can be resent, which makes it PENDING again.
 */
public enum NotificationStatus {

	PENDING, SENT, SKIPPED, FAILED;

	/** A notification is due only where there is an address to send it to. */
	public static NotificationStatus initial(String recipient) {
		return recipient == null ? SKIPPED : PENDING;
	}

}
