package io.domainpush.notifier.mail;

import java.time.Duration;

import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.loop.BackgroundLoop;

import org.springframework.stereotype.Component;

/**
 * Every {@code push.notifier.retry.poll-interval}, attempts the invitations that are due,
 * and the emails and digests that are due again: after a transient failure's back-off,
 * after an abandoned claim (a notifier died mid-send), after a resend was asked for, or
 * when their event never arrived. Several notifiers may run it side by side: claims skip
 * rows another one holds.
 */
@Component
class DeliverySweep extends BackgroundLoop {

	private final EmailDeliveries emails;

	private final DigestDeliveries digests;

	private final InvitationDeliveries invitations;

	private final Duration lease;

	DeliverySweep(EmailDeliveries emails, DigestDeliveries digests, InvitationDeliveries invitations,
			NotifierProperties properties, DeliveryProperties delivery) {
		super("delivery-sweep", Schedule.every(properties.retry().pollInterval()));
		this.emails = emails;
		this.digests = digests;
		this.invitations = invitations;
		this.lease = delivery.claimLease();
	}

	/** A round sends one claim of each kind, each within its lease. */
	@Override
	protected Duration longestRound() {
		return lease.multipliedBy(3);
	}

	@Override
	protected boolean round() {
		boolean moreEmails = emails.deliverDue();
		boolean moreDigests = digests.deliverDue();
		boolean moreInvitations = invitations.deliverDue();
		return moreEmails || moreDigests || moreInvitations;
	}

}
