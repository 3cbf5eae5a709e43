package io.domainpush.notifier.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.domainpush.core.notification.DueNotification;
import io.domainpush.core.notification.NotificationAudience;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedEmailTests {

	static final MailTemplates TEMPLATES = new MailTemplates();

	static final NotifierProperties SETTINGS = SmtpSenderTests.properties(1_000_000);

	private final Session session = Session.getInstance(new Properties());

	@Test
	void shouldRenderAMessageThatParsesBackWithAllFields() throws Exception {
		MimeMessage parsed = roundTrip(event("Losing Reseller"));
		assertThat(parsed.getSubject()).isEqualTo("Domain example.com was pushed to your account by Losing Reseller");
		assertThat(parsed.getMessageID()).isEqualTo("<id@domain-push>");
		assertThat(parsed.getAllRecipients()).extracting(Object::toString).containsExactly("noc@gaining.example");
		assertThat(parsed.getFrom()).extracting(Object::toString).containsExactly("domain-push@example.com");
		assertThat(parsed.getSentDate()).isNotNull();
		assertThat(parsed.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(parsed.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) parsed.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
		assertThat(text(parsed)).contains("Users moved:   7", "2026-12-01", "company_id 1001");
		assertThat(parts.getBodyPart(1).getContent().toString()).contains("<td>7</td>", "2026-12-01");
		// plain ASCII goes as it is: encoding costs more than rendering
		assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
		assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
	}

	@Test
	void shouldSendAPartAsItIsOnlyWhenItIsAsciiInLegalLines() {
		assertThat(RenderedEmail.sevenBit("a\nb\r\nc\n")).asString(StandardCharsets.US_ASCII)
			.isEqualTo("a\r\nb\r\nc\r\n");
		assertThat(RenderedEmail.sevenBit("x".repeat(998) + "\n" + "y".repeat(998))).isNotNull();
		assertThat(RenderedEmail.sevenBit("x".repeat(999))).as("a line over 998 characters").isNull();
		assertThat(RenderedEmail.sevenBit("a\rb")).as("a bare CR").isNull();
		assertThat(RenderedEmail.sevenBit("a\r")).as("a CR at the end").isNull();
		assertThat(RenderedEmail.sevenBit("a\u0000b")).as("a NUL").isNull();
		assertThat(RenderedEmail.sevenBit("caf\u00e9")).as("Latin-1").isNull();
		assertThat(RenderedEmail.sevenBit("mail \ud83d\udcec")).as("beyond the BMP").isNull();
	}

	@Test
	void shouldNeverLetANameForgeThePartsBoundary() throws Exception {
		DueNotification event = event("x");
		String forged = "\r\n--=_domain-push_" + event.pushId() + "--\r\nInjected";
		MimeMessage parsed = roundTrip(
				new DueNotification(UUID.randomUUID(), event.pushId(), NotificationAudience.GAINING, event.recipient(),
						event.messageId(), 1, Instant.now(), "example.com", 1001, "Evil" + forged, 1002, "Gaining", 7,
						Instant.now(), LocalDate.of(2026, 12, 1), null, null, null, null, null));
		MimeMultipart parts = (MimeMultipart) parsed.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
		assertThat(parts.getBodyPart(0).getContent().toString())
			.contains("Evil  --=_domain-push_" + event.pushId() + "--  Injected");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
	}

	@Test
	void shouldEncodeNonAsciiNamesAndNeverLetThemBreakAHeader() throws Exception {
		MimeMessage parsed = roundTrip(event("Müller & Söhne\r\nBcc: victim@example.com"));
		assertThat(parsed.getSubject())
			.isEqualTo("Domain example.com was pushed to your account by Müller & Söhne  Bcc: victim@example.com");
		assertThat(parsed.getHeader("Bcc")).isNull();
		assertThat(parsed.getAllRecipients()).hasSize(1);
		assertThat(text(parsed)).contains("Müller & Söhne");
		MimeMultipart parts = (MimeMultipart) parsed.getContent();
		assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
		assertThat(parts.getBodyPart(1).getContent().toString()).contains("Müller &amp; Söhne");
	}

	@Test
	void shouldShowANameWrittenLikeAnEncodedWordAsWrittenNeverDecoded() throws Exception {
		String trap = "=?utf-8?q?=0D=0ABcc:_x@evil.example?=";
		MimeMessage parsed = roundTrip(event(trap));
		assertThat(parsed.getSubject()).isEqualTo("Domain example.com was pushed to your account by " + trap);
		assertThat(parsed.getHeader("Bcc")).isNull();
		assertThat(parsed.getHeader("Subject", null)).doesNotContain("=?utf-8?q?");
	}

	@Test
	void shouldDropInvisibleAndDirectionChangingCharactersFromNames() throws Exception {
		MimeMessage parsed = roundTrip(event("Evil\u0085Corp\u2028Ltd\u202Egnp.exe"));
		assertThat(parsed.getSubject())
			.isEqualTo("Domain example.com was pushed to your account by Evil Corp Ltd gnp.exe");
	}

	@Test
	void shouldFoldALongNonAsciiSubjectIntoEncodedWordsOfLegalLength() throws Exception {
		String name = "Ünïcødé Reseller ".repeat(8).strip();
		MimeMessage parsed = roundTrip(event(name));
		assertThat(parsed.getSubject()).isEqualTo("Domain example.com was pushed to your account by " + name);
		assertThat(parsed.getHeader("Subject", null).split("\r\n"))
			.allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
	}

	@Test
	void shouldRefuseToRenderAPushThatLacksWhatTheEmailStates() {
		DueNotification incomplete = new DueNotification(UUID.randomUUID(), UUID.randomUUID(),
				NotificationAudience.GAINING, "noc@gaining.example", "<id@domain-push>", 1, Instant.now(),
				"example.com", 1001, "Losing", 1002, "Gaining", 7, null, LocalDate.of(2026, 12, 1), null, null, null,
				null, null);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotificationEmail.of(incomplete, TEMPLATES, SETTINGS))
			.isInstanceOf(NullPointerException.class)
			.hasMessageContaining("completion time");
	}

	private MimeMessage roundTrip(DueNotification event) throws Exception {
		NotificationEmail email = NotificationEmail.of(event, TEMPLATES, SETTINGS);
		Date now = new Date();
		RenderedEmail rendered = new RenderedEmail(session, new InternetAddress("domain-push@example.com"),
				new InternetAddress("noc@gaining.example"), "<id@domain-push>", email, now,
				new MailDateFormat().format(now), event.pushId().toString());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		rendered.writeTo(bytes, new String[] { "Bcc" });
		return new MimeMessage(session, new ByteArrayInputStream(bytes.toByteArray()));
	}

	private static String text(MimeMessage message) throws Exception {
		return ((MimeMultipart) message.getContent()).getBodyPart(0).getContent().toString();
	}

	private static DueNotification event(String losingName) {
		return new DueNotification(UUID.randomUUID(), UUID.randomUUID(), NotificationAudience.GAINING,
				"noc@gaining.example", "<id@domain-push>", 1, Instant.now(), "example.com", 1001, losingName, 1002,
				"Gaining", 7, Instant.now(), LocalDate.of(2026, 12, 1), null, null, null, null, null);
	}

}
