package io.domainpush.notifier.mail;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;

import io.domainpush.core.tracing.Traces;
import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryRun;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.notification.DigestLine;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.DueDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * How to deliver one kind: the digests of finished batches. The announcement of a batch's
 * end claims its digests ({@link #deliver}); the sweep claims those due again
 * ({@link #deliverDue}). A digest refused for good with its attachment (a server's size
 * limit) is sent at once without it, saying where the batch's results are read.
 */
@Component
class DigestDeliveries {

	/** Digests claimed at a time: each may carry a large attachment. */
	static final int PER_CLAIM = 10;

	private static final Logger log = LoggerFactory.getLogger(DigestDeliveries.class);

	private final Digests digests;

	private final DeliveryRun<DueDigest> run;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final NotifierProperties properties;

	private final DeliveryProperties delivery;

	DigestDeliveries(Digests digests, Mailer mailer, MailTemplates templates, NotifierProperties properties,
			DeliveryProperties delivery, Traces traces) {
		this.digests = digests;
		this.mailer = mailer;
		this.templates = templates;
		this.properties = properties;
		this.delivery = delivery;
		// a digest may be sent twice in one attempt: with its attachment, then without
		this.run = new DeliveryRun<>(digests.queue(), properties.retry().policy(),
				properties.sendDeadline().multipliedBy(2), delivery.recordInterval(), traces);
	}

	/** Attempts the digests of these finished batches that are due, within the budget. */
	void deliver(Collection<UUID> batchIds) {
		// a batch has a digest per losing company that asked for one: claim until none is
		// left (those not claimed here would wait for the orphan sweep)
		Claim<DueDigest> claim;
		do {
			claim = digests.claimFor(batchIds, PER_CLAIM).within(delivery.pollBudget());
			mailer.run(claim, run, this::attempt);
		}
		while (claim.items().size() == PER_CLAIM);
	}

	/** Attempts one claim of the digests due again; @return whether any was due */
	boolean deliverDue() {
		Claim<DueDigest> claim = digests.queue()
			.claim(Selection.dueOrOrphaned(PER_CLAIM, properties.retry().orphanAge()));
		mailer.run(claim, run, this::attempt);
		return !claim.isEmpty();
	}

	private Attempt attempt(MailRun mail, DueDigest digest) {
		return mail.deliver(digest, digest.recipient(), to -> withFallback(mail, digest, to));
	}

	/** The digest with its list attached; refused for good with it, at once without. */
	private Attempt withFallback(MailRun mail, DueDigest digest, InternetAddress to) {
		List<DigestLine> lines = digests.lines(digest);
		NotificationEmail whole = DigestEmail.of(digest, lines, templates, properties, true);
		Attempt attempt = send(mail, digest, to, whole);
		if (attempt.result() != Attempt.Result.REFUSED || whole.attachment() == null) {
			return attempt;
		}
		log.warn("Digest of batch {} was refused with its attachment ({}); sending it without", digest.batchId(),
				attempt.error());
		return send(mail, digest, to, DigestEmail.of(digest, lines, templates, properties, false));
	}

	private static Attempt send(MailRun mail, DueDigest digest, InternetAddress to, NotificationEmail email) {
		return mail.send(to, digest.messageId(), email, "X-Domain-Push-Batch-Id", digest.batchId().toString());
	}

}
