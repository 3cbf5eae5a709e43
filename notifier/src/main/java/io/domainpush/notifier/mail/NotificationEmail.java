package io.domainpush.notifier.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import io.domainpush.core.push.DueNotification;
import io.domainpush.core.rules.PlainText;

/** Subject and body of the email a gaining reseller receives (R9). */
record NotificationEmail(String subject, String body) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/**
	 * @throws IllegalStateException when the push lacks a fact the email states (it is
	 * not COMPLETED)
	 */
	static NotificationEmail of(DueNotification push) {
		Objects.requireNonNull(push.completedAt(), "the push has no completion time");
		Objects.requireNonNull(push.usersMoved(), "the push has no count of users moved");
		Objects.requireNonNull(push.billingStartsOn(), "the push has no billing start");
		String losing = plain(push.losingCompanyName()) + " (company_id " + push.losingCompanyId() + ")";
		String subject = "Domain " + push.domain() + " was pushed to your account by "
				+ plain(push.losingCompanyName());
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
				""".formatted(plain(push.gainingCompanyName()), push.domain(), losing, push.domain(), losing,
				WHEN.format(push.completedAt()), push.usersMoved(), push.billingStartsOn(), push.pushId());
		return new NotificationEmail(subject, body);
	}

	/**
	 * Company names come from clients: no control, format or separator character reaches
	 * a header line.
	 */
	private static String plain(String text) {
		return PlainText.clean(text);
	}

}
