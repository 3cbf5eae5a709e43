package io.domainpush.notifier.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.domainpush.core.push.DueNotification;
import io.domainpush.core.rules.PlainText;

/**
 * The email a gaining reseller receives (R9): its subject, and the same facts as plain
 * text and as HTML, rendered from the templates {@code mail/push-completed.txt|html}.
 */
record NotificationEmail(String subject, String text, String html) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/**
	 * @throws IllegalStateException when the push lacks a fact the email states (it is
	 * not COMPLETED)
	 */
	static NotificationEmail of(DueNotification push, MailTemplates templates) {
		Objects.requireNonNull(push.completedAt(), "the push has no completion time");
		Objects.requireNonNull(push.usersMoved(), "the push has no count of users moved");
		Objects.requireNonNull(push.billingStartsOn(), "the push has no billing start");
		String subject = "Domain " + push.domain() + " was pushed to your account by "
				+ plain(push.losingCompanyName());
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("subject", subject);
		facts.put("gaining", plain(push.gainingCompanyName()));
		facts.put("domain", push.domain());
		facts.put("losing", plain(push.losingCompanyName()));
		facts.put("losingId", push.losingCompanyId());
		facts.put("completedAt", WHEN.format(push.completedAt()));
		facts.put("usersMoved", push.usersMoved());
		facts.put("billingStartsOn", push.billingStartsOn());
		facts.put("pushId", push.pushId());
		return new NotificationEmail(subject, templates.text("push-completed", facts),
				templates.html("push-completed", facts));
	}

	/**
	 * Company names come from clients: no control, format or separator character reaches
	 * a header line.
	 */
	private static String plain(String text) {
		return PlainText.clean(text);
	}

}
