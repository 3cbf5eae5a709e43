package io.domainpush.notifier.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.domainpush.core.tracing.Traces;
import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryRun;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.invitation.DueInvitation;
import io.domainpush.core.invitation.Invitations;
import io.domainpush.core.webhook.WebhookSecrets;

import org.springframework.stereotype.Component;

/**
 * How to deliver one kind: invitations of administrators. Each is due as soon as it is
 * made; the sweep claims them. The email carries the single-use link, whose token is kept
 * sealed only until the email is sent and then forgotten; an invitation revoked or past
 * its expiry before its email went is not sent.
 */
@Component
class InvitationDeliveries {

	/** Invitations claimed at a time. */
	static final int PER_CLAIM = 50;

	private final Invitations invitations;

	private final DeliveryRun<DueInvitation> run;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final NotifierProperties properties;

	private final WebhookSecrets secrets;

	InvitationDeliveries(Invitations invitations, Mailer mailer, MailTemplates templates, NotifierProperties properties,
			DeliveryProperties delivery, WebhookSecrets secrets, Traces traces) {
		this.invitations = invitations;
		this.mailer = mailer;
		this.templates = templates;
		this.properties = properties;
		this.secrets = secrets;
		this.run = new DeliveryRun<>(invitations.queue(), properties.retry().policy(), properties.sendDeadline(),
				delivery.recordInterval(), traces);
	}

	/** Attempts one claim of the invitations due; @return whether any was due */
	boolean deliverDue() {
		Claim<DueInvitation> claim = invitations.queue().claim(Selection.due(PER_CLAIM));
		mailer.run(claim, run, this::attempt);
		if (!claim.isEmpty()) {
			invitations.forgetSentTokens();
		}
		return !claim.isEmpty();
	}

	private Attempt attempt(MailRun mail, DueInvitation invitation) {
		if (invitation.sealedToken() == null || !invitation.expiresAt().isAfter(java.time.Instant.now())) {
			return Attempt.skipped();
		}
		return mail.deliver(invitation, invitation.email(), to -> mail.send(to, messageId(invitation),
				email(invitation), "X-Domain-Push-Invitation-Id", invitation.deliveryId().toString()));
	}

	private NotificationEmail email(DueInvitation invitation) {
		String subject = "You are invited to administer " + NotificationEmail.plain(invitation.companyName())
				+ " on Domain Push";
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("subject", subject);
		facts.put("company", NotificationEmail.plain(invitation.companyName()));
		facts.put("companyId", invitation.companyId());
		facts.put("email", invitation.email());
		facts.put("expiresAt", NotificationEmail.WHEN.format(invitation.expiresAt()));
		facts.put("link", properties.link("/console/invitations/accept?token="
				+ URLEncoder.encode(secrets.open(invitation.sealedToken()), StandardCharsets.UTF_8)));
		return new NotificationEmail(subject, templates.text("invitation", facts), templates.html("invitation", facts),
				null);
	}

	private static String messageId(DueInvitation invitation) {
		return "<" + invitation.deliveryId() + ".invitation@domain-push>";
	}

}
