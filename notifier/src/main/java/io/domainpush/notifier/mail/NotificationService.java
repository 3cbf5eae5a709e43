package io.domainpush.notifier.mail;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.rules.EmailAddresses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the notification of one completed push at most once: the notification row (unique per push)
 * is locked, a push already SENT, SKIPPED or FAILED is left alone, and the outcome is recorded in the
 * same transaction. The only window for a second email is a crash after the SMTP server accepted and
 * before the commit; the resend then carries the same Message-ID.
 */
@Service
class NotificationService {

	private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

	private final JdbcClient jdbc;

	private final JavaMailSenderImpl mail;

	private final NotifierProperties properties;

	NotificationService(JdbcClient jdbc, JavaMailSenderImpl mail, NotifierProperties properties) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.properties = properties;
	}

	@Transactional
	Delivery deliver(PushCompleted event) {
		Notification notification = lock(event).orElseThrow();
		if (!"PENDING".equals(notification.status())) {
			return Delivery.ALREADY_DONE;
		}
		if (notification.recipient() == null) {
			record(event.pushId(), "SKIPPED", null, notification.attempts());
			return Delivery.SKIPPED;
		}
		if (!EmailAddresses.isValid(notification.recipient())) {
			record(event.pushId(), "FAILED", "stored notification address is not a valid address",
					notification.attempts());
			return Delivery.FAILED;
		}
		int attempt = notification.attempts() + 1;
		try {
			mail.send(message(event, notification));
			jdbc.sql("""
					update notifications set status = 'SENT', attempts = :attempts, sent_at = now(), updated_at = now(),
					       last_error = null where push_id = :id""")
				.param("attempts", attempt)
				.param("id", event.pushId())
				.update();
			return Delivery.SENT;
		}
		catch (MailException ex) {
			SmtpFailure failure = SmtpFailure.of(ex);
			if (failure.permanent() || attempt >= properties.maxAttempts()) {
				log.warn("Notification of push {} failed for good after {} attempt(s): {}", event.pushId(), attempt,
						failure.description());
				record(event.pushId(), "FAILED", failure.description(), attempt);
				return Delivery.FAILED;
			}
			log.info("Notification of push {} failed (attempt {}), will retry: {}", event.pushId(), attempt,
					failure.description());
			record(event.pushId(), "PENDING", failure.description(), attempt);
			return Delivery.RETRY;
		}
	}

	private Optional<Notification> lock(PushCompleted event) {
		// the worker writes the row with the push; an event from before that (or a restored backup) still gets one
		jdbc.sql("""
				insert into notifications (push_id, status, recipient, message_id)
				values (:id, case when :to::text is null then 'SKIPPED' else 'PENDING' end, :to, :messageId)
				on conflict (push_id) do nothing""")
			.param("id", event.pushId())
			.param("to", event.notificationEmail())
			.param("messageId", "<" + event.pushId() + "@domain-push>")
			.update();
		return jdbc.sql("""
				select status, recipient, message_id, attempts from notifications where push_id = :id for update""")
			.param("id", event.pushId())
			.query((rs, n) -> new Notification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.optional();
	}

	private void record(UUID pushId, String status, String error, int attempts) {
		jdbc.sql("""
				update notifications set status = :status, last_error = :error, attempts = :attempts, updated_at = :now
				 where push_id = :id""")
			.param("status", status)
			.param("error", error)
			.param("attempts", attempts)
			.param("now", OffsetDateTime.now())
			.param("id", pushId)
			.update();
	}

	private MimeMessage message(PushCompleted event, Notification notification) {
		NotificationEmail email = NotificationEmail.of(event);
		try {
			MimeMessage message = new StableIdMimeMessage(mail.getSession(), notification.messageId());
			message.setFrom(new InternetAddress(properties.from(), true));
			message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notification.recipient(), true));
			message.setSubject(email.subject(), "UTF-8");
			message.setText(email.body(), "UTF-8");
			message.setHeader("X-Domain-Push-Id", event.pushId().toString());
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("cannot build the notification email", ex);
		}
	}

	enum Delivery {

		SENT, SKIPPED, FAILED, RETRY, ALREADY_DONE

	}

	private record Notification(String status, String recipient, String messageId, int attempts) {
	}

}
