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
		Integer code = replyCode(ex);
		String description = describe(ex, code);
		return new SmtpFailure(code != null && code >= 500 && code < 600, description);
	}

	private static Integer replyCode(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			Integer code = codeOf(t);
			if (code != null) {
				return code;
			}
			if (t instanceof MailSendException send) {
				for (Exception failed : send.getFailedMessages().values()) {
					Integer nested = replyCode(failed);
					if (nested != null) {
						return nested;
					}
				}
			}
			if (t instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null
					&& messaging.getNextException() != t.getCause()) {
				Integer nested = replyCode(messaging.getNextException());
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

	private static String describe(Exception ex, Integer code) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = ex instanceof MailSendException send && !send.getFailedMessages().isEmpty()
				? send.getFailedMessages().values().iterator().next().getMessage() : ex.getMessage();
		String text = (code != null ? "SMTP " + code + ": " : "") + (message == null ? root.toString() : message.strip());
		// the reply is shown by the API: one line, bounded
		text = text.replaceAll("[\\r\\n\\t]+", " ");
		return text.length() > 500 ? text.substring(0, 500) : text;
	}

}
