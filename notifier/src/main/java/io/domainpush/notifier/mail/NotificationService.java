package io.domainpush.notifier.mail;

import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.config.CrashPoints;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.rules.EmailAddresses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the notifications of completed pushes at most once each: the notification rows (unique per
 * push) are locked, pushes already SENT, SKIPPED or FAILED are left alone, the rest are sent over one
 * SMTP connection, and every outcome is recorded in the same transaction. The only window for a second
 * email is a crash after the SMTP server accepted and before the commit; the resend then carries the
 * same Message-ID.
 */
@Service
class NotificationService {

	private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		// jakartaee/mail-api#861: otherwise every MimeMessage and MimeUtility call looks the StreamProvider up
		// through ServiceLoader, scanning the whole classpath; the bench measured 1.6 ms of CPU per email
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private final JdbcClient jdbc;

	private final JavaMailSenderImpl mail;

	private final NotifierProperties properties;

	private final CrashPoints crashPoints;

	NotificationService(JdbcClient jdbc, JavaMailSenderImpl mail, NotifierProperties properties,
			CrashPoints crashPoints) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.properties = properties;
		this.crashPoints = crashPoints;
	}

	/** @return the delivery of each push's notification, in the order given */
	@Transactional
	Map<UUID, Delivery> deliver(List<PushCompleted> events) {
		Map<UUID, PushCompleted> byPush = new LinkedHashMap<>();
		events.forEach(e -> byPush.putIfAbsent(e.pushId(), e));
		Map<UUID, Notification> rows = lock(byPush.values());
		Map<UUID, Delivery> deliveries = new LinkedHashMap<>();
		Map<MimeMessage, Notification> outgoing = new IdentityHashMap<>();
		Date now = new Date();
		String formattedNow = new MailDateFormat().format(now);
		for (PushCompleted event : byPush.values()) {
			Notification row = rows.get(event.pushId());
			if (!"PENDING".equals(row.status())) {
				deliveries.put(event.pushId(), Delivery.ALREADY_DONE);
			}
			else if (row.recipient() == null) {
				record(row, "SKIPPED", null, row.attempts());
				deliveries.put(event.pushId(), Delivery.SKIPPED);
			}
			else if (!EmailAddresses.isValid(row.recipient())) {
				record(row, "FAILED", "stored notification address is not a valid address", row.attempts());
				deliveries.put(event.pushId(), Delivery.FAILED);
			}
			else {
				outgoing.put(message(event, row, now, formattedNow), row);
			}
		}
		if (!outgoing.isEmpty()) {
			deliveries.putAll(send(outgoing));
		}
		return deliveries;
	}

	/** One connection for the whole set; the server's answer is recorded per message. */
	private Map<UUID, Delivery> send(Map<MimeMessage, Notification> outgoing) {
		Map<Object, Exception> failures = Map.of();
		try {
			mail.send(outgoing.keySet().toArray(MimeMessage[]::new));
			crashPoints.reach("notifier-after-smtp");
		}
		catch (MailSendException ex) {
			failures = ex.getFailedMessages().isEmpty() ? everyMessage(outgoing, ex) : ex.getFailedMessages();
		}
		catch (MailException ex) {
			failures = everyMessage(outgoing, ex);
		}
		Map<UUID, Delivery> deliveries = new LinkedHashMap<>();
		List<UUID> sent = new ArrayList<>();
		for (Map.Entry<MimeMessage, Notification> entry : outgoing.entrySet()) {
			Notification row = entry.getValue();
			Exception failure = failures.get(entry.getKey());
			int attempt = row.attempts() + 1;
			if (failure == null) {
				sent.add(row.pushId());
				deliveries.put(row.pushId(), Delivery.SENT);
				continue;
			}
			SmtpFailure smtp = SmtpFailure.of(failure);
			if (smtp.permanent() || attempt >= properties.maxAttempts()) {
				log.warn("Notification of push {} failed for good after {} attempt(s): {}", row.pushId(), attempt,
						smtp.description());
				record(row, "FAILED", smtp.description(), attempt);
				deliveries.put(row.pushId(), Delivery.FAILED);
			}
			else {
				log.info("Notification of push {} failed (attempt {}), will retry: {}", row.pushId(), attempt,
						smtp.description());
				record(row, "PENDING", smtp.description(), attempt);
				deliveries.put(row.pushId(), Delivery.RETRY);
			}
		}
		if (!sent.isEmpty()) {
			jdbc.sql("""
					update notifications set status = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now(),
					       last_error = null where push_id = any(:ids)""")
				.param("ids", sent.toArray(UUID[]::new))
				.update();
		}
		return deliveries;
	}

	private static Map<Object, Exception> everyMessage(Map<MimeMessage, Notification> outgoing, Exception ex) {
		Map<Object, Exception> all = new IdentityHashMap<>();
		outgoing.keySet().forEach(m -> all.put(m, ex));
		return all;
	}

	private Map<UUID, Notification> lock(java.util.Collection<PushCompleted> events) {
		// the worker writes the row with the push; an event from before that (or a restored backup) still gets one
		jdbc.sql("""
				insert into notifications (push_id, status, recipient, message_id)
				select id, case when recipient is null then 'SKIPPED' else 'PENDING' end, recipient, '<' || id || '@domain-push>'
				  from unnest(:ids, :recipients) as n(id, recipient)
				on conflict (push_id) do nothing""")
			.param("ids", events.stream().map(PushCompleted::pushId).toArray(UUID[]::new))
			.param("recipients", events.stream().map(PushCompleted::notificationEmail).toArray(String[]::new))
			.update();
		Map<UUID, Notification> rows = new LinkedHashMap<>();
		jdbc.sql("""
				select push_id, status, recipient, message_id, attempts from notifications
				 where push_id = any(:ids) order by push_id for update""")
			.param("ids", events.stream().map(PushCompleted::pushId).toArray(UUID[]::new))
			.query((rs, n) -> new Notification(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getInt(5)))
			.list()
			.forEach(r -> rows.put(r.pushId(), r));
		return rows;
	}

	private void record(Notification row, String status, String error, int attempts) {
		jdbc.sql("""
				update notifications set status = :status, last_error = :error, attempts = :attempts, updated_at = now()
				 where push_id = :id""")
			.param("status", status)
			.param("error", error)
			.param("attempts", attempts)
			.param("id", row.pushId())
			.update();
	}

	private MimeMessage message(PushCompleted event, Notification notification, Date now, String formattedNow) {
		NotificationEmail email = NotificationEmail.of(event);
		try {
			return new RenderedEmail(mail.getSession(), new InternetAddress(properties.from(), true),
					new InternetAddress(notification.recipient(), true), notification.messageId(), email.subject(),
					email.body(), now, formattedNow, event.pushId().toString());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("cannot build the notification email", ex);
		}
	}

	enum Delivery {

		SENT, SKIPPED, FAILED, RETRY, ALREADY_DONE

	}

	private record Notification(UUID pushId, String status, String recipient, String messageId, int attempts) {
	}

}
