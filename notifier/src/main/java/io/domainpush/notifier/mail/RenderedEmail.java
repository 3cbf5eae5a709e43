package io.domainpush.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A notification rendered once into its final bytes: {@code multipart/alternative}, the
 * plain text first and the HTML second (mail readers show the last one they can), marked
 * {@code Auto-Submitted: auto-generated} (RFC 3834) so that auto-responders stay quiet.
 * Jakarta Mail's MimeMessage re-parses and re-formats its headers on every save and
 * write, which cost the notifier most of its CPU (docs/performance.md); this message
 * hands the transport its bytes as they are. Its Message-ID is derived from the push id,
 * so a resend after a crash carries the same id. A part goes as it is (7bit) when it is
 * ASCII in lines of at most 998 characters and does not hold the boundary; otherwise it
 * is quoted-printable, which writes every "=" as "=3D", so the boundary (which starts
 * with "=_") can never occur in it, whatever a company name holds. Encoding costs more
 * than the templates: the common case skips it.
 */
final class RenderedEmail extends MimeMessage {

	private final byte[] content;

	private final InternetAddress[] from;

	private final InternetAddress[] to;

	private final String messageId;

	private final Date sent;

	private static final byte[] CRLF = { '\r', '\n' };

	/** A push's notification, identified by {@code X-Domain-Push-Id}. */
	RenderedEmail(Session session, InternetAddress from, InternetAddress to, String messageId, NotificationEmail email,
			Date sent, String formattedDate, String pushId) {
		this(session, from, to, messageId, email, sent, formattedDate, "X-Domain-Push-Id", pushId);
	}

	/**
	 * @param referenceHeader the header naming what the email is about
	 * ({@code X-Domain-Push-Id}, {@code X-Domain-Push-Batch-Id})
	 * @param reference its id: also makes the MIME boundaries unique
	 */
	RenderedEmail(Session session, InternetAddress from, InternetAddress to, String messageId, NotificationEmail email,
			Date sent, String formattedDate, String referenceHeader, String reference) {
		super(session);
		this.from = new InternetAddress[] { from };
		this.to = new InternetAddress[] { to };
		this.messageId = messageId;
		this.sent = sent;
		String boundary = "=_domain-push_" + reference;
		String mixed = "=_domain-push_mixed_" + reference;
		NotificationEmail.Attachment attachment = email.attachment();
		StringBuilder head = new StringBuilder(768);
		line(head, "Date: " + formattedDate);
		line(head, "From: " + from.getAddress());
		line(head, "To: " + to.getAddress());
		line(head, "Message-ID: " + messageId);
		line(head, "Subject: " + encodeHeader(email.subject()));
		line(head, "Auto-Submitted: auto-generated");
		line(head, "MIME-Version: 1.0");
		line(head, attachment == null ? alternative(boundary)
				: "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"");
		line(head, referenceHeader + ": " + reference);
		line(head, "");
		if (attachment != null) {
			line(head, "--" + mixed);
			line(head, alternative(boundary));
			line(head, "");
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(
				head.length() + 2 * (email.text().length() + email.html().length())
						+ (attachment == null ? 0 : 2 * attachment.bytes().length));
		ascii(bytes, head);
		part(bytes, boundary, "text/plain", email.text());
		part(bytes, boundary, "text/html", email.html());
		ascii(bytes, new StringBuilder("--").append(boundary).append("--\r\n"));
		if (attachment != null) {
			attach(bytes, mixed, attachment);
			ascii(bytes, new StringBuilder("--").append(mixed).append("--\r\n"));
		}
		this.content = bytes.toByteArray();
	}

	private static String alternative(String boundary) {
		return "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"";
	}

	/** The file in base64 (lines of 76 characters), which never holds a boundary. */
	private static void attach(ByteArrayOutputStream bytes, String boundary, NotificationEmail.Attachment attachment) {
		StringBuilder head = new StringBuilder(256);
		line(head, "--" + boundary);
		line(head, "Content-Type: " + attachment.contentType() + "; charset=UTF-8; name=\"" + attachment.filename()
				+ "\"");
		line(head, "Content-Disposition: attachment; filename=\"" + attachment.filename() + "\"");
		line(head, "Content-Transfer-Encoding: base64");
		line(head, "");
		ascii(bytes, head);
		bytes.writeBytes(Base64.getMimeEncoder().encode(attachment.bytes()));
		bytes.writeBytes(CRLF);
	}

	private static void part(ByteArrayOutputStream bytes, String boundary, String type, String body) {
		byte[] crlf = sevenBit(body);
		// the boundary holds no line break: the text holds it whatever its line ends
		boolean asItIs = crlf != null && !body.contains(boundary);
		StringBuilder head = new StringBuilder(160);
		line(head, "--" + boundary);
		line(head, "Content-Type: " + type + "; charset=UTF-8");
		line(head, "Content-Transfer-Encoding: " + (asItIs ? "7bit" : "quoted-printable"));
		line(head, "");
		ascii(bytes, head);
		if (asItIs) {
			bytes.writeBytes(crlf);
			bytes.writeBytes(CRLF);
			return;
		}
		String crlfBody = body.replace("\r\n", "\n").replace("\n", "\r\n");
		try (OutputStream qp = MimeUtility.encode(new NotClosing(bytes), "quoted-printable")) {
			qp.write(crlfBody.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException("cannot encode the notification", ex);
		}
		bytes.writeBytes(CRLF);
	}

	/**
	 * The text as ASCII with every line ending in CRLF, or null when it cannot go as it
	 * is: a character above 127, a NUL, a bare CR or a line of more than 998 characters
	 * (RFC 5322). Runs for two parts of every email, so it works on the bytes (an ASCII
	 * text is as long in UTF-8 as in characters), not character by character.
	 */
	static byte[] sevenBit(String text) {
		byte[] in = text.getBytes(StandardCharsets.UTF_8);
		if (in.length != text.length()) {
			return null;
		}
		byte[] out = new byte[2 * in.length];
		int written = 0;
		int lineLength = 0;
		for (int i = 0; i < in.length; i++) {
			byte b = in[i];
			if (b == '\n') {
				out[written++] = '\r';
				out[written++] = '\n';
				lineLength = 0;
			}
			else if (b == '\r') {
				if (i + 1 == in.length || in[i + 1] != '\n') {
					return null;
				}
			}
			else if (b == 0 || ++lineLength > 998) {
				return null;
			}
			else {
				out[written++] = b;
			}
		}
		return Arrays.copyOf(out, written);
	}

	private static void ascii(ByteArrayOutputStream bytes, CharSequence text) {
		bytes.writeBytes(text.toString().getBytes(StandardCharsets.US_ASCII));
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

	/** Lets the encoder be closed (to flush it) without closing the bytes under it. */
	private static final class NotClosing extends java.io.FilterOutputStream {

		NotClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

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
