package io.domainpush.local;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Reads what the SMTP server received. */
final class Emails {

	private Emails() {
	}

	static List<MimeMessage> withMessageId(LocalMail mail, String messageId) {
		return mail.received().stream().filter(m -> messageId.equals(id(m))).toList();
	}

	static String id(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Recipients, subject, the plain-text part and the HTML part. */
	static Parsed parse(MimeMessage message) {
		try {
			MimeMultipart parts = (MimeMultipart) message.getContent();
			return new Parsed(Arrays.stream(message.getAllRecipients()).map(Object::toString).toList(),
					message.getSubject(), parts.getBodyPart(0).getContent().toString(),
					parts.getBodyPart(1).getContent().toString());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Parsed(List<String> to, String subject, String body, String html) {
	}

}
