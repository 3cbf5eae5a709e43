package io.domainpush.notifier.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.domainpush.core.notification.DueNotification;
import io.domainpush.core.notification.NotificationAudience;
import io.domainpush.core.rules.PlainText;

/**
 * The email about a completed push: the gaining reseller's (R9, templates
 * {@code mail/push-completed.txt|html}) or the losing reseller's notice when it asked for
 * one ({@code mail/push-departed.txt|html}); its subject, and the same facts as plain
 * text and as HTML.
 */
record NotificationEmail(String subject, String text, String html, Attachment attachment) {

	NotificationEmail(String subject, String text, String html) {
		this(subject, text, html, null);
	}

	/** A file sent with the email (a digest's full list of domains). */
	record Attachment(String filename, String contentType, byte[] bytes) {
	}

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/**
	 * @throws IllegalStateException when the push lacks a fact the email states (it is
	 * not COMPLETED)
	 */
	static NotificationEmail of(DueNotification push, MailTemplates templates, NotifierProperties settings) {
		if (push.audience() == NotificationAudience.APPROVAL) {
			return approvalRequest(push, templates, settings);
		}
		Objects.requireNonNull(push.completedAt(), "the push has no completion time");
		Objects.requireNonNull(push.usersMoved(), "the push has no count of users moved");
		Objects.requireNonNull(push.billingStartsOn(), "the push has no billing start");
		boolean gainingSide = push.audience() == NotificationAudience.GAINING;
		String subject = gainingSide
				? "Domain " + push.domain() + " was pushed to your account by " + plain(push.losingCompanyName())
				: "Domain " + push.domain() + " was pushed out of your account to " + plain(push.gainingCompanyName());
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("subject", subject);
		facts.put("gaining", plain(push.gainingCompanyName()));
		facts.put("gainingId", push.gainingCompanyId());
		facts.put("domain", push.domain());
		facts.put("losing", plain(push.losingCompanyName()));
		facts.put("losingId", push.losingCompanyId());
		facts.put("completedAt", WHEN.format(push.completedAt()));
		facts.put("usersMoved", push.usersMoved());
		facts.put("moved", moved(push));
		facts.put("billingStartsOn", push.billingStartsOn());
		facts.put("pushId", push.pushId());
		String template = gainingSide ? "push-completed" : "push-departed";
		return new NotificationEmail(subject, templates.text(template, facts), templates.html(template, facts));
	}

	/**
	 * The gaining company asked to approve a push ({@code mail/push-approval.txt|html}):
	 * which domain, from whom, until when, and where to answer.
	 */
	private static NotificationEmail approvalRequest(DueNotification push, MailTemplates templates,
			NotifierProperties settings) {
		Objects.requireNonNull(push.approvalDeadline(), "the push asks for no approval");
		String subject = "Approve or decline: " + plain(push.losingCompanyName()) + " wants to push " + push.domain()
				+ " to your account";
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("subject", subject);
		facts.put("gaining", plain(push.gainingCompanyName()));
		facts.put("domain", push.domain());
		facts.put("losing", plain(push.losingCompanyName()));
		facts.put("losingId", push.losingCompanyId());
		facts.put("deadline", WHEN.format(push.approvalDeadline()));
		facts.put("planned", push.notBefore() == null ? "as soon as it is approved"
				: "at " + WHEN.format(push.notBefore()) + ", if approved by then");
		facts.put("answerAt", settings.link("/console/pushes/" + push.pushId()));
		facts.put("pushId", push.pushId());
		return new NotificationEmail(subject, templates.text("push-approval", facts),
				templates.html("push-approval", facts));
	}

	/** The push's report in one line: messages, bytes and the settings that changed. */
	static String moved(DueNotification push) {
		if (push.messagesMoved() == null) {
			return "its messages and settings";
		}
		return push.messagesMoved() + (push.messagesMoved() == 1 ? " message (" : " messages (")
				+ String.format(java.util.Locale.ROOT, "%,d", push.bytesMoved())
				+ " bytes); settings that changed for its users: "
				+ (push.settingsChanged() == null ? "none" : push.settingsChanged());
	}

	/**
	 * Company names come from clients: no control, format or separator character reaches
	 * a header line.
	 */
	static String plain(String text) {
		return PlainText.clean(text);
	}

}
