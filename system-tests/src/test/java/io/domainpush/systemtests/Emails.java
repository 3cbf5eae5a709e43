package io.domainpush.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.domainpush.local.LocalMail;

import jakarta.mail.BodyPart;
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

	/**
	 * A digest: {@code multipart/mixed} holding the alternative text and HTML, and
	 * {@code domains.csv}, zipped, when the list is long; a short digest is like any
	 * notification.
	 */
	static Digest parseDigest(MimeMessage message) {
		try {
			MimeMultipart top = (MimeMultipart) message.getContent();
			if (!message.isMimeType("multipart/mixed")) {
				return new Digest(parse(message), null, null);
			}
			MimeMultipart alternative = (MimeMultipart) top.getBodyPart(0).getContent();
			Parsed parsed = new Parsed(Arrays.stream(message.getAllRecipients()).map(Object::toString).toList(),
					message.getSubject(), alternative.getBodyPart(0).getContent().toString(),
					alternative.getBodyPart(1).getContent().toString());
			BodyPart file = top.getBodyPart(1);
			return new Digest(parsed, file.getFileName(), unzipped(file.getInputStream()));
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The one file in a zip archive, {@code domains.csv}. */
	private static String unzipped(InputStream zip) throws IOException {
		try (ZipInputStream in = new ZipInputStream(zip)) {
			ZipEntry entry = in.getNextEntry();
			if (entry == null || !entry.getName().equals("domains.csv")) {
				throw new IllegalStateException("the digest's archive does not hold domains.csv");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	record Parsed(List<String> to, String subject, String body, String html) {
	}

	record Digest(Parsed email, String attachmentName, String csv) {
	}

}
