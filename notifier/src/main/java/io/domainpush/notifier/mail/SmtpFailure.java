package io.domainpush.notifier.mail;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Classifies a failed send. A 5xx reply is permanent (the server refused this message for
 * good); a 4xx reply, a refused or broken connection or a timeout is transient and worth
 * another attempt. {@code replyCode} is null when no server reply came (the connection
 * failed).
 */
record SmtpFailure(Integer replyCode, String description) {

	static SmtpFailure of(Exception ex) {
		Throwable reply = serverReply(ex);
		Integer code = reply == null ? null : codeOf(reply);
		String description = reply != null ? "SMTP " + code + ": " + text(reply.getMessage()) : describe(ex);
		return new SmtpFailure(code, bounded(description));
	}

	/** The message's deadline passed before the server had answered it whole. */
	static SmtpFailure noAnswerWithin(java.time.Duration deadline) {
		return new SmtpFailure(null, "no answer within " + deadline + " (the connection was closed)");
	}

	/** The server refused this message for good (5xx). */
	boolean permanent() {
		return replyCode != null && replyCode >= 500 && replyCode < 600;
	}

	/**
	 * The server answered (the connection works); false for a refused, broken or
	 * timed-out connection.
	 */
	boolean answered() {
		return replyCode != null;
	}

	/**
	 * The exception that carries the server's reply (code and text), wherever it is
	 * nested.
	 */
	private static Throwable serverReply(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (codeOf(t) != null) {
				return t;
			}
			if (t instanceof MessagingException messaging && messaging.getNextException() != null
					&& messaging.getNextException() != t.getCause()) {
				Throwable nested = serverReply(messaging.getNextException());
				if (nested != null) {
					return nested;
				}
			}
		}
		return null;
	}

	private static Integer codeOf(Throwable t) {
		if (t instanceof SMTPSendFailedException e) {
			return e.getReturnCode();
		}
		if (t instanceof SMTPAddressFailedException e) {
			return e.getReturnCode();
		}
		if (t instanceof SMTPSenderFailedException e) {
			return e.getReturnCode();
		}
		return null;
	}

	private static String describe(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = ex.getMessage();
		return message == null ? root.toString() : text(message) + " (" + root.getClass().getSimpleName() + ")";
	}

	private static String text(String message) {
		return message == null ? "" : message.strip();
	}

	/** The reply is shown by the API: one line, bounded. */
	private static String bounded(String text) {
		String line = text.replaceAll("[\\r\\n\\t]+", " ");
		return line.length() > 500 ? line.substring(0, 500) : line;
	}

}
