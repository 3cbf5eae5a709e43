package io.domainpush.notifier.mail;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;

import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.delivery.Queued;
import io.domainpush.core.rules.EmailAddresses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of emails over one SMTP connection, for every kind of email: each recipient
 * checked and parsed once (a run's emails go to few addresses: a bulk migration's all go
 * to its gaining company), each email rendered into its bytes and sent, and the server's
 * answer turned into an {@link Attempt}: accepted, refused for good (5xx), or worth
 * trying again.
 */
final class MailRun implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailRun.class);

	private final SmtpConnection connection;

	private final jakarta.mail.Session session;

	private final InternetAddress from;

	private final Date now = new Date();

	private final String formattedNow = new MailDateFormat().format(now);

	private final Map<String, InternetAddress> recipients = new HashMap<>();

	MailRun(SmtpSender smtp, InternetAddress from) {
		this.connection = smtp.connection();
		this.session = smtp.session();
		this.from = from;
	}

	/**
	 * The attempt at one email to {@code recipient}: nothing to do without an address,
	 * refused for an address that cannot be used or an email that cannot be rendered,
	 * otherwise what {@code sending} does with the parsed address.
	 */
	Attempt deliver(Queued item, String recipient, Function<InternetAddress, Attempt> sending) {
		if (recipient == null) {
			return Attempt.skipped();
		}
		InternetAddress to = recipients.computeIfAbsent(recipient, MailRun::parse);
		if (to == null) {
			return Attempt.refused(null, "stored notification address is not a valid address");
		}
		try {
			return sending.apply(to);
		}
		catch (RuntimeException ex) {
			log.error("{} cannot be rendered", item.description(), ex);
			return Attempt.refused(null, "the email could not be rendered: " + ex.getMessage());
		}
	}

	private static InternetAddress parse(String address) {
		if (!EmailAddresses.isValid(address)) {
			return null;
		}
		try {
			return new InternetAddress(address, true);
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	/**
	 * Sends {@code email} as {@code messageId}, its subject named by
	 * {@code referenceHeader}.
	 */
	Attempt send(InternetAddress to, String messageId, NotificationEmail email, String referenceHeader,
			String reference) {
		SmtpFailure failure = connection.send(
				new RenderedEmail(session, from, to, messageId, email, now, formattedNow, referenceHeader, reference));
		if (failure == null) {
			return Attempt.sent(250);
		}
		return failure.permanent() ? Attempt.refused(failure.replyCode(), failure.description())
				: Attempt.failed(failure.replyCode(), failure.description());
	}

	@Override
	public void close() {
		connection.close();
	}

}
