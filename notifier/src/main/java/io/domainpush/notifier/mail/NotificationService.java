package io.domainpush.notifier.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.push.DigestOutcome;
import io.domainpush.core.push.Digests;
import io.domainpush.core.push.DueDigest;
import io.domainpush.core.push.DueNotification;
import io.domainpush.core.push.NotificationAudience;
import io.domainpush.core.push.NotificationOutcome;
import io.domainpush.core.push.NotificationStatus;
import io.domainpush.core.push.Notifications;
import io.domainpush.core.rules.EmailAddresses;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Sends the notifications of completed pushes, at most once each while nothing crashes: a
 * batch is claimed (one statement), rendered and sent over one SMTP connection with no
 * transaction open, and the outcome of each notification recorded (one statement). A
 * transient failure leaves the notification PENDING with back-off until its retry window
 * has passed; a 5xx reply, an invalid stored address or an email that cannot be rendered
 * fails it. The only window for a second email is a crash between the server's acceptance
 * and the record: the claim then expires and the resend carries the same Message-ID.
 */
@Service
class NotificationService {

	private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

	private final Notifications queue;

	private final Digests digests;

	private final SmtpSender smtp;

	private final NotifierProperties properties;

	private final MailTemplates templates;

	private final InternetAddress from;

	/** Digests claimed at a time; each is sent on its own. */
	private static final int DIGESTS_PER_CLAIM = 10;

	private final Map<Delivery, Counter> counters = new java.util.EnumMap<>(Delivery.class);

	NotificationService(Notifications queue, Digests digests, SmtpSender smtp, NotifierProperties properties,
			MailTemplates templates, MeterRegistry registry) throws MessagingException {
		this.queue = queue;
		this.digests = digests;
		this.templates = templates;
		this.smtp = smtp;
		this.properties = properties;
		this.from = new InternetAddress(properties.from(), true);
		for (Delivery delivery : Delivery.values()) {
			counters.put(delivery,
					Counter.builder("push.emails")
						.description("Notification attempts by outcome")
						.tag("status", delivery.name())
						.register(registry));
		}
	}

	/**
	 * Attempts the notifications of these pushes now, those that are PENDING and not
	 * waiting for a later attempt; a push with none attempted here is counted
	 * ALREADY_DONE.
	 */
	void deliver(Collection<UUID> pushIds) {
		List<UUID> ids = List.copyOf(new LinkedHashSet<>(pushIds));
		for (int from = 0; from < ids.size(); from += properties.sendBatchSize()) {
			List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + properties.sendBatchSize()));
			Set<UUID> attempted = attempt(
					queue.claim(chunk, chunk.size() * NotificationAudience.values().length, properties.claimLease()));
			chunk.stream()
				.filter(id -> !attempted.contains(id))
				.forEach(id -> counters.get(Delivery.ALREADY_DONE).increment());
		}
	}

	/**
	 * Attempts the digests of these finished batches now, those that are PENDING and not
	 * waiting for a later attempt.
	 */
	void deliverDigests(Collection<UUID> batchIds) {
		// a batch has a digest per losing company that asked for one: claim until none is
		// left (those not claimed here would wait for the orphan sweep)
		List<DueDigest> claimed;
		do {
			claimed = digests.claim(batchIds, DIGESTS_PER_CLAIM, properties.claimLease());
			attemptDigests(claimed);
		}
		while (claimed.size() == DIGESTS_PER_CLAIM);
	}

	/**
	 * Attempts the notifications and digests that are due again; @return how many were
	 * attempted
	 */
	int deliverDue() {
		int attempted = 0;
		List<DueNotification> due;
		do {
			due = queue.claimDue(properties.sendBatchSize(), properties.claimLease(), properties.retry().orphanAge());
			attempt(due);
			attempted += due.size();
		}
		while (due.size() == properties.sendBatchSize());
		List<DueDigest> dueDigests;
		do {
			dueDigests = digests.claimDue(DIGESTS_PER_CLAIM, properties.claimLease(), properties.retry().orphanAge());
			attemptDigests(dueDigests);
			attempted += dueDigests.size();
		}
		while (dueDigests.size() == DIGESTS_PER_CLAIM);
		return attempted;
	}

	/**
	 * Digests one at a time over one connection each: a digest is one email per batch and
	 * company, and may carry a large attachment.
	 */
	private void attemptDigests(List<DueDigest> claimed) {
		for (DueDigest digest : claimed) {
			DigestOutcome outcome = attemptDigest(digest);
			digests.record(List.of(outcome));
			counters.get(Delivery.of(outcome.status())).increment();
		}
	}

	private DigestOutcome attemptDigest(DueDigest digest) {
		if (digest.recipient() == null) {
			return DigestOutcome.skipped(digest);
		}
		if (!EmailAddresses.isValid(digest.recipient())) {
			return DigestOutcome.failed(digest, "stored notification address is not a valid address");
		}
		MimeMessage message;
		try {
			Date now = new Date();
			NotificationEmail email = DigestEmail.of(digest, digests.lines(digest), templates);
			message = new RenderedEmail(smtp.session(), from, new InternetAddress(digest.recipient(), true),
					digest.messageId(), email, now, new MailDateFormat().format(now), "X-Domain-Push-Batch-Id",
					digest.batchId().toString());
		}
		catch (RuntimeException | MessagingException ex) {
			log.error("Digest of batch {} cannot be rendered", digest.batchId(), ex);
			return DigestOutcome.failed(digest, "the email could not be rendered: " + ex.getMessage());
		}
		SmtpFailure failure = smtp.send(Map.of(digest, message)).get(digest);
		if (failure == null) {
			return DigestOutcome.sent(digest);
		}
		Verdict verdict = afterFailure("Digest of batch " + digest.batchId(), digest.queuedAt(), digest.attempts(),
				failure);
		return verdict.giveUp() ? DigestOutcome.failed(digest, verdict.error())
				: DigestOutcome.retryAfter(digest, verdict.error(), verdict.backOff());
	}

	/**
	 * @return the pushes whose notifications were attempted
	 */
	private Set<UUID> attempt(List<DueNotification> claimed) {
		if (claimed.isEmpty()) {
			return Set.of();
		}
		List<NotificationOutcome> outcomes = new ArrayList<>();
		Map<DueNotification, MimeMessage> outgoing = new LinkedHashMap<>();
		Date now = new Date();
		String formattedNow = new MailDateFormat().format(now);
		Recipients recipients = new Recipients();
		for (DueNotification notification : claimed) {
			if (notification.recipient() == null) {
				outcomes.add(NotificationOutcome.skipped(notification));
			}
			else if (!recipients.isValid(notification.recipient())) {
				outcomes.add(
						NotificationOutcome.failed(notification, "stored notification address is not a valid address"));
			}
			else {
				try {
					outgoing.put(notification,
							render(notification, recipients.parse(notification.recipient()), now, formattedNow));
				}
				catch (RuntimeException | MessagingException ex) {
					log.error("Notification of push {} cannot be rendered", notification.pushId(), ex);
					outcomes.add(NotificationOutcome.failed(notification,
							"the email could not be rendered: " + ex.getMessage()));
				}
			}
		}
		Map<DueNotification, SmtpFailure> failures = outgoing.isEmpty() ? Map.of() : smtp.send(outgoing);
		for (DueNotification notification : outgoing.keySet()) {
			SmtpFailure failure = failures.get(notification);
			outcomes
				.add(failure == null ? NotificationOutcome.sent(notification) : afterFailure(notification, failure));
		}
		queue.record(outcomes);
		Set<UUID> attempted = new HashSet<>();
		for (NotificationOutcome outcome : outcomes) {
			attempted.add(outcome.pushId());
			counters.get(Delivery.of(outcome)).increment();
		}
		return attempted;
	}

	private NotificationOutcome afterFailure(DueNotification notification, SmtpFailure failure) {
		Verdict verdict = afterFailure("Notification of push " + notification.pushId(), notification.queuedAt(),
				notification.attempts(), failure);
		return verdict.giveUp() ? NotificationOutcome.failed(notification, verdict.error())
				: NotificationOutcome.retryAfter(notification, verdict.error(), verdict.backOff());
	}

	/**
	 * A 5xx reply, or a failure once the retry window that began at {@code queuedAt} has
	 * passed, gives up; any other failure waits its back-off.
	 */
	private Verdict afterFailure(String what, Instant queuedAt, int attempts, SmtpFailure failure) {
		NotifierProperties.Retry retry = properties.retry();
		Instant now = Instant.now();
		Instant windowEnd = queuedAt.plus(retry.window());
		if (failure.permanent() || !now.isBefore(windowEnd)) {
			log.warn("{} failed for good after {} attempt(s): {}", what, attempts, failure.description());
			String error = failure.permanent() ? failure.description()
					: failure.description() + " (gave up after retrying for " + retry.window() + ")";
			return new Verdict(true, error, null);
		}
		// the last attempt comes when the window ends, not after it
		Duration wait = retry.backOffAfter(attempts);
		if (now.plus(wait).isAfter(windowEnd)) {
			wait = Duration.between(now, windowEnd);
		}
		log.info("{} failed (attempt {}), next attempt in {}: {}", what, attempts, wait, failure.description());
		return new Verdict(false, failure.description(), wait);
	}

	private record Verdict(boolean giveUp, String error, Duration backOff) {
	}

	private MimeMessage render(DueNotification notification, InternetAddress to, Date now, String formattedNow) {
		NotificationEmail email = NotificationEmail.of(notification, templates);
		return new RenderedEmail(smtp.session(), from, to, notification.messageId(), email, now, formattedNow,
				notification.pushId().toString());
	}

	/**
	 * The addresses of one send batch, each checked and parsed once: a batch goes to few
	 * of them (a bulk migration's emails all go to its gaining company).
	 */
	private static final class Recipients {

		private final Map<String, Boolean> valid = new HashMap<>();

		private final Map<String, InternetAddress> parsed = new HashMap<>();

		boolean isValid(String address) {
			return valid.computeIfAbsent(address, EmailAddresses::isValid);
		}

		InternetAddress parse(String address) throws AddressException {
			InternetAddress known = parsed.get(address);
			if (known == null) {
				known = new InternetAddress(address, true);
				parsed.put(address, known);
			}
			return known;
		}

	}

	/**
	 * What one attempt did to a notification, as counted in
	 * {@code push_emails_total{status}}.
	 */
	enum Delivery {

		SENT, SKIPPED, FAILED, RETRY, ALREADY_DONE;

		static Delivery of(NotificationOutcome outcome) {
			return of(outcome.status());
		}

		static Delivery of(NotificationStatus status) {
			return switch (status) {
				case SENT -> SENT;
				case SKIPPED, IN_DIGEST -> SKIPPED;
				case FAILED -> FAILED;
				case PENDING -> RETRY;
			};
		}

	}

}
