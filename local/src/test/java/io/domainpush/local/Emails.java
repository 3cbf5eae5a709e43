package io.domainpush.local;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

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

	static Parsed parse(MimeMessage message) {
		try {
			return new Parsed(Arrays.stream(message.getAllRecipients()).map(Object::toString).toList(),
					message.getSubject(), message.getContent().toString());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Parsed(List<String> to, String subject, String body) {
	}

}
