package io.domainpush.notifier.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.push.DueNotification;
import io.domainpush.core.push.NotificationAudience;
import io.domainpush.core.push.NotificationOutcome;
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

	private final SmtpSender smtp;

	private final NotifierProperties properties;

	private final MailTemplates templates;

	private final InternetAddress from;

	private final Map<Delivery, Counter> counters = new java.util.EnumMap<>(Delivery.class);

	NotificationService(Notifications queue, SmtpSender smtp, NotifierProperties properties, MailTemplates templates,
			MeterRegistry registry) throws MessagingException {
		this.queue = queue;
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

	/** Attempts the notifications that are due again; @return how many were attempted */
	int deliverDue() {
		int attempted = 0;
		List<DueNotification> due;
		do {
			due = queue.claimDue(properties.sendBatchSize(), properties.claimLease(), properties.retry().orphanAge());
			attempt(due);
			attempted += due.size();
		}
		while (due.size() == properties.sendBatchSize());
		return attempted;
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
		for (DueNotification notification : claimed) {
			if (notification.recipient() == null) {
				outcomes.add(NotificationOutcome.skipped(notification));
			}
			else if (!EmailAddresses.isValid(notification.recipient())) {
				outcomes.add(
						NotificationOutcome.failed(notification, "stored notification address is not a valid address"));
			}
			else {
				try {
					outgoing.put(notification, render(notification, now, formattedNow));
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
		NotifierProperties.Retry retry = properties.retry();
		Instant now = Instant.now();
		Instant windowEnd = notification.queuedAt().plus(retry.window());
		if (failure.permanent() || !now.isBefore(windowEnd)) {
			log.warn("Notification of push {} failed for good after {} attempt(s): {}", notification.pushId(),
					notification.attempts(), failure.description());
			String error = failure.permanent() ? failure.description()
					: failure.description() + " (gave up after retrying for " + retry.window() + ")";
			return NotificationOutcome.failed(notification, error);
		}
		// the last attempt comes when the window ends, not after it
		Duration wait = retry.backOffAfter(notification.attempts());
		if (now.plus(wait).isAfter(windowEnd)) {
			wait = Duration.between(now, windowEnd);
		}
		log.info("Notification of push {} failed (attempt {}), next attempt in {}: {}", notification.pushId(),
				notification.attempts(), wait, failure.description());
		return NotificationOutcome.retryAfter(notification, failure.description(), wait);
	}

	private MimeMessage render(DueNotification notification, Date now, String formattedNow) throws MessagingException {
		NotificationEmail email = NotificationEmail.of(notification, templates);
		return new RenderedEmail(smtp.session(), from, new InternetAddress(notification.recipient(), true),
				notification.messageId(), email, now, formattedNow, notification.pushId().toString());
	}

	/**
	 * What one attempt did to a notification, as counted in
	 * {@code push_emails_total{status}}.
	 */
	enum Delivery {

		SENT, SKIPPED, FAILED, RETRY, ALREADY_DONE;

		static Delivery of(NotificationOutcome outcome) {
			return switch (outcome.status()) {
				case SENT -> SENT;
				case SKIPPED -> SKIPPED;
				case FAILED -> FAILED;
				case PENDING -> RETRY;
			};
		}

	}

}
