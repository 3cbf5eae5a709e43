package io.domainpush.notifier.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.domainpush.core.events.PushCompleted;

/** Subject and body of the email a gaining reseller receives (R9). */
record NotificationEmail(String subject, String body) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	static NotificationEmail of(PushCompleted event) {
		String losing = plain(event.losingCompanyName()) + " (company_id " + event.losingCompanyId() + ")";
		String subject = "Domain " + event.domain() + " was pushed to your account by " + plain(event.losingCompanyName());
		String body = """
				Hello %s,

				The email domain %s was pushed to your account by %s.

				  Domain:        %s
				  From company:  %s
				  Completed at:  %s
				  Users moved:   %d
				  Billing:       your company is billed for this domain from %s (the next full billing cycle).

				The domain now appears in your list of domains. If it had a brand, the brand's settings came
				with it but the brand is now unlabelled and cannot be edited: create a brand of your own and
				assign it to the domain. Without a brand, the domain uses your company's default settings.

				Push id: %s
				""".formatted(plain(event.gainingCompanyName()), event.domain(), losing, event.domain(), losing,
				WHEN.format(event.completedAt()), event.usersMoved(), event.billingStartsOn(), event.pushId());
		return new NotificationEmail(subject, body);
	}

	/** Company names come from clients: no control characters may reach a header line. */
	private static String plain(String text) {
		return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
	}

}
