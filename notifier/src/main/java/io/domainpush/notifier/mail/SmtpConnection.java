package io.domainpush.notifier.mail;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.crash.CrashPoints;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection, opened by its first message. Each message ends within its
 * deadline, connecting included: a watchdog looks at the message in flight a few times a
 * deadline (not a timer task per message: a message takes a fraction of a millisecond),
 * and closes the socket of one still going when its deadline has passed; that message
 * fails unanswered. A message the server accepted (250 after DATA) is sent, whatever
 * happens afterwards: a QUIT that times out or a connection reset while closing changes
 * nothing. A reply to one message (4xx, 5xx) concerns that message only; once the
 * connection fails (refused, broken, timed out), every later message fails the same way
 * without being tried against a server that is not answering.
 */
final class SmtpConnection implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

	private final JavaMailSenderImpl mail;

	private final SmtpSender.TrackedSockets sockets;

	private final ScheduledExecutorService timer;

	private final Duration deadline;

	private final CrashPoints crashPoints;

	private final AtomicReference<Socket> socket = new AtomicReference<>();

	/** When the message in flight started (System.nanoTime), 0 when none is. */
	private volatile long sendingSince;

	private volatile boolean expired;

	private ScheduledFuture<?> watchdog;

	private Transport transport;

	private SmtpFailure broken;

	SmtpConnection(JavaMailSenderImpl mail, SmtpSender.TrackedSockets sockets, ScheduledExecutorService timer,
			Duration deadline, CrashPoints crashPoints) {
		this.mail = mail;
		this.sockets = sockets;
		this.timer = timer;
		this.deadline = deadline;
		this.crashPoints = crashPoints;
	}

	/**
	 * @return null when the server accepted the message, otherwise why not
	 */
	SmtpFailure send(MimeMessage message) {
		if (broken != null) {
			return broken;
		}
		if (watchdog == null) {
			long period = Math.max(10, Math.min(1000, deadline.toMillis() / 4));
			watchdog = timer.scheduleAtFixedRate(this::closeIfPastDeadline, period, period, TimeUnit.MILLISECONDS);
		}
		sendingSince = System.nanoTime();
		try {
			if (transport == null) {
				transport = connect();
			}
			transport.sendMessage(message, message.getAllRecipients());
			crashPoints.reach("notifier-after-smtp");
			return null;
		}
		catch (MessagingException ex) {
			SmtpFailure failure = expired ? SmtpFailure.noAnswerWithin(deadline) : SmtpFailure.of(ex);
			if (!failure.answered()) {
				broken = failure;
			}
			return failure;
		}
		finally {
			sendingSince = 0;
		}
	}

	private void closeIfPastDeadline() {
		long since = sendingSince;
		if (since != 0 && System.nanoTime() - since > deadline.toNanos()) {
			expired = true;
			closeSocket();
		}
	}

	private Transport connect() throws MessagingException {
		Transport opened = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
		sockets.handing(socket::set,
				() -> opened.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword()));
		return opened;
	}

	private void closeSocket() {
		Socket current = socket.get();
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// closing is all that was wanted
			}
		}
	}

	/** Says goodbye (QUIT), within a deadline too. */
	@Override
	public void close() {
		if (transport == null) {
			stopWatchdog();
			return;
		}
		if (broken != null) {
			closeSocket();
		}
		sendingSince = System.nanoTime();
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// every message accepted before this stays accepted: resending it would be a
			// duplicate
			log.info("Closing the SMTP connection failed after sending; accepted messages stay sent: {}",
					ex.toString());
		}
		finally {
			sendingSince = 0;
			stopWatchdog();
		}
	}

	private void stopWatchdog() {
		if (watchdog != null) {
			watchdog.cancel(false);
		}
	}

}
