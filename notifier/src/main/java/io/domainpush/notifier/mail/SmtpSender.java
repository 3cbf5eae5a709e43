package io.domainpush.notifier.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.config.CrashPoints;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends messages over one SMTP connection and reports, per message, whether the server
 * accepted it. A message the server accepted (250 after DATA) is sent, whatever happens
 * afterwards: a QUIT that times out or a connection reset while closing changes nothing.
 * A reply to one message (4xx, 5xx) concerns that message only; a connection that fails
 * (refused, broken, timed out) fails the current message and every one after it, which
 * are not tried against a server that is not answering.
 */
@Component
class SmtpSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);

	/** Jakarta Mail's property naming the timer of write timeouts. */
	static final String WRITE_TIMEOUT_TIMER = "mail.smtp.executor.writetimeout";

	private final JavaMailSenderImpl mail;

	private final CrashPoints crashPoints;

	private final ScheduledThreadPoolExecutor writeTimeouts;

	/**
	 * Gives every connection's write timeout ({@code mail.smtp.writetimeout}) one timer
	 * thread: without it Jakarta Mail starts a thread per connection, and each write
	 * schedules a task that is cancelled when the write returns (removed at once here, so
	 * the timer's queue holds only the writes in progress).
	 */
	SmtpSender(JavaMailSenderImpl mail, CrashPoints crashPoints) {
		this.mail = mail;
		this.crashPoints = crashPoints;
		this.writeTimeouts = new ScheduledThreadPoolExecutor(1, task -> {
			Thread thread = new Thread(task, "smtp-write-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		writeTimeouts.setRemoveOnCancelPolicy(true);
		Properties properties = mail.getJavaMailProperties();
		properties.put(WRITE_TIMEOUT_TIMER, writeTimeouts);
		// the session is made from these properties on first use
		mail.setJavaMailProperties(properties);
	}

	@Override
	public void destroy() {
		writeTimeouts.shutdownNow();
	}

	jakarta.mail.Session session() {
		return mail.getSession();
	}

	/**
	 * @return for each message not accepted, why; messages absent from the map were
	 * accepted
	 */
	<K> Map<K, SmtpFailure> send(Map<K, MimeMessage> messages) {
		Map<K, SmtpFailure> failures = new LinkedHashMap<>();
		List<Map.Entry<K, MimeMessage>> queue = List.copyOf(messages.entrySet());
		Transport transport;
		try {
			transport = connect();
		}
		catch (MessagingException ex) {
			SmtpFailure failure = SmtpFailure.of(ex);
			queue.forEach(entry -> failures.put(entry.getKey(), failure));
			return failures;
		}
		try {
			for (int i = 0; i < queue.size(); i++) {
				Map.Entry<K, MimeMessage> entry = queue.get(i);
				try {
					transport.sendMessage(entry.getValue(), entry.getValue().getAllRecipients());
				}
				catch (MessagingException ex) {
					SmtpFailure failure = SmtpFailure.of(ex);
					failures.put(entry.getKey(), failure);
					if (!failure.answered()) {
						queue.subList(i + 1, queue.size()).forEach(rest -> failures.put(rest.getKey(), failure));
						break;
					}
				}
			}
		}
		finally {
			close(transport);
		}
		crashPoints.reach("notifier-after-smtp");
		return failures;
	}

	private Transport connect() throws MessagingException {
		Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
		transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
		return transport;
	}

	private static void close(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// every message accepted before this stays accepted: resending it would be a
			// duplicate
			log.info("Closing the SMTP connection failed after sending; accepted messages stay sent: {}",
					ex.toString());
		}
	}

}
