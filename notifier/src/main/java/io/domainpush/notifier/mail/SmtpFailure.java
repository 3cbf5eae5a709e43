package io.domainpush.notifier.mail;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import org.springframework.mail.MailSendException;

/**
 * Classifies a failed send. A 5xx reply is permanent (the server refused this message for good); a
 * 4xx reply, a refused or broken connection or a timeout is transient and worth another attempt.
 */
record SmtpFailure(boolean permanent, String description) {

	static SmtpFailure of(Exception ex) {
		Throwable reply = serverReply(ex);
		Integer code = reply == null ? null : codeOf(reply);
		String description = reply != null ? "SMTP " + code + ": " + text(reply.getMessage()) : describe(ex);
		return new SmtpFailure(code != null && code >= 500 && code < 600, bounded(description));
	}

	/** The exception that carries the server's reply (code and text), wherever it is nested. */
	private static Throwable serverReply(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (codeOf(t) != null) {
				return t;
			}
			if (t instanceof MailSendException send) {
				for (Exception failed : send.getFailedMessages().values()) {
					Throwable nested = serverReply(failed);
					if (nested != null) {
						return nested;
					}
				}
			}
			if (t instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null
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
		String message = ex instanceof MailSendException send && !send.getFailedMessages().isEmpty()
				? send.getFailedMessages().values().iterator().next().getMessage() : ex.getMessage();
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
