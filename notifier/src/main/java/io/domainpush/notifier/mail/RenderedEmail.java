package io.domainpush.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A plain-text notification rendered once into its final bytes. Jakarta Mail's
 * MimeMessage re-parses and re-formats its headers on every save and write, which cost
 * the notifier most of its CPU (docs/performance.md); this message hands the transport
 * its bytes as they are. Its Message-ID is derived from the push id, so a resend after a
 * crash carries the same id.
 */
final class RenderedEmail extends MimeMessage {

	private final byte[] content;

	private final InternetAddress[] from;

	private final InternetAddress[] to;

	private final String messageId;

	private final Date sent;

	RenderedEmail(Session session, InternetAddress from, InternetAddress to, String messageId, String subject,
			String body, Date sent, String formattedDate, String pushId) {
		super(session);
		this.from = new InternetAddress[] { from };
		this.to = new InternetAddress[] { to };
		this.messageId = messageId;
		this.sent = sent;
		boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(body);
		StringBuilder text = new StringBuilder(512 + body.length());
		line(text, "Date: " + formattedDate);
		line(text, "From: " + from.getAddress());
		line(text, "To: " + to.getAddress());
		line(text, "Message-ID: " + messageId);
		line(text, "Subject: " + encodeHeader(subject));
		line(text, "MIME-Version: 1.0");
		line(text, "Content-Type: text/plain; charset=UTF-8");
		line(text, "Content-Transfer-Encoding: " + (ascii ? "7bit" : "quoted-printable"));
		line(text, "X-Domain-Push-Id: " + pushId);
		line(text, "");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + body.length() + 64);
		bytes.writeBytes(text.toString().getBytes(StandardCharsets.US_ASCII));
		String crlfBody = body.replace("\r\n", "\n").replace("\n", "\r\n");
		if (ascii) {
			bytes.writeBytes(crlfBody.getBytes(StandardCharsets.US_ASCII));
		}
		else {
			try (OutputStream qp = MimeUtility.encode(bytes, "quoted-printable")) {
				qp.write(crlfBody.getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException | MessagingException ex) {
				throw new IllegalStateException("cannot encode the notification body", ex);
			}
		}
		this.content = bytes.toByteArray();
	}

	private static void line(StringBuilder text, String line) {
		text.append(line).append("\r\n");
	}

	/**
	 * Plain ASCII subjects go as they are; others as RFC 2047 encoded words. A subject
	 * holding "=?" is encoded too, so a name written like an encoded word is shown as
	 * written, never decoded by the mail reader into something else (a fake header line).
	 * Never a CR or LF.
	 */
	private static String encodeHeader(String value) {
		String single = value.replaceAll("[\\r\\n]", " ");
		if (StandardCharsets.US_ASCII.newEncoder().canEncode(single) && !single.contains("=?")) {
			return single;
		}
		return encodedWords(single);
	}

	/**
	 * The whole text as RFC 2047 "B" encoded words of at most 45 bytes of UTF-8 each (a
	 * 75-character word), one per folded line. Unlike MimeUtility.encodeText, which
	 * leaves ASCII text as it is, this encodes every character, so an "=?...?=" inside
	 * the text cannot survive as an encoded word.
	 */
	private static String encodedWords(String text) {
		StringBuilder words = new StringBuilder();
		int start = 0;
		while (start < text.length()) {
			int end = start;
			int bytes = 0;
			while (end < text.length()) {
				int codePoint = text.codePointAt(end);
				int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
				if (bytes + size > 45) {
					break;
				}
				bytes += size;
				end += Character.charCount(codePoint);
			}
			if (!words.isEmpty()) {
				words.append("\r\n ");
			}
			words.append("=?UTF-8?B?")
				.append(Base64.getEncoder().encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
				.append("?=");
			start = end;
		}
		return words.toString();
	}

	@Override
	public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException {
		out.write(content);
	}

	@Override
	public void writeTo(OutputStream out) throws IOException {
		out.write(content);
	}

	@Override
	public void saveChanges() {
		// rendered once in the constructor
	}

	@Override
	public Date getSentDate() {
		return sent;
	}

	@Override
	public Address[] getAllRecipients() {
		return to.clone();
	}

	@Override
	public Address[] getFrom() {
		return from.clone();
	}

	@Override
	public String getMessageID() {
		return messageId;
	}

	@Override
	public int getSize() {
		return content.length;
	}

}
