package io.domainpush.notifier.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.domainpush.core.notification.DueNotification;
import io.domainpush.core.notification.NotificationAudience;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two renderings of a notification say the same facts, the HTML one escaped and
 * without anything fetched from elsewhere.
 */
class NotificationEmailTests {

	private static final Instant COMPLETED = Instant.parse("2026-11-30T10:15:30Z");

	@Test
	void shouldStateTheSameFactsInTextAndHtml() {
		UUID pushId = UUID.randomUUID();
		NotificationEmail email = NotificationEmail.of(push(pushId, "Losing Reseller", "Gaining Reseller"),
				RenderedEmailTests.TEMPLATES, RenderedEmailTests.SETTINGS);
		List<String> facts = List.of("Gaining Reseller", "example.com", "Losing Reseller", "company_id 1001",
				"2026-11-30 10:15:30 UTC", "2026-12-01", pushId.toString(), "Users moved", "next full billing cycle",
				"unlabelled and cannot be edited", "default settings",
				"14 messages (2,048 bytes); settings that changed for its users: language, webmail_theme");
		String htmlText = visibleText(email.html());
		for (String fact : facts) {
			assertThat(email.text()).as("text states %s", fact).contains(fact);
			assertThat(htmlText).as("HTML states %s", fact).contains(fact);
		}
		assertThat(email.text()).contains("Users moved:   7");
		assertThat(email.html()).contains("<td>7</td>");
		assertThat(email.subject()).isEqualTo("Domain example.com was pushed to your account by Losing Reseller");
	}

	@Test
	void shouldEscapeCompanyNamesInHtmlAndFetchNothingRemote() {
		NotificationEmail email = NotificationEmail.of(
				push(UUID.randomUUID(), "<script>alert(1)</script> & Co", "<img src=https://evil.example/t.gif>"),
				RenderedEmailTests.TEMPLATES, RenderedEmailTests.SETTINGS);
		assertThat(email.html()).doesNotContain("<script>", "<img")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", "&lt;img src=https://evil.example/t.gif&gt;");
		assertThat(email.text()).contains("<script>alert(1)</script> & Co");
		assertThat(email.html()).doesNotContainPattern("(?i)<(img|link|script|iframe|object)\\b")
			.doesNotContainPattern("(?i)<[^>]*\\b(src|href|background)\\s*=")
			.doesNotContainPattern("(?i)url\\(");
	}

	@Test
	void shouldTellTheLosingSideWhereItsDomainWentInTextAndHtml() {
		UUID pushId = UUID.randomUUID();
		DueNotification gaining = push(pushId, "Losing Reseller", "Gaining & Sons");
		DueNotification losing = new DueNotification(UUID.randomUUID(), pushId, NotificationAudience.LOSING,
				"noc@losing.example", "<" + pushId + ".losing@domain-push>", 1, COMPLETED, gaining.domain(), 1001,
				"Losing Reseller", 1002, "Gaining & Sons", 7, COMPLETED, LocalDate.of(2026, 12, 1), null, null, null,
				null, null);
		NotificationEmail email = NotificationEmail.of(losing, RenderedEmailTests.TEMPLATES,
				RenderedEmailTests.SETTINGS);
		assertThat(email.subject()).isEqualTo("Domain example.com was pushed out of your account to Gaining & Sons");
		String htmlText = visibleText(email.html());
		for (String fact : List.of("Hello Losing Reseller", "example.com", "has left your account",
				"Gaining & Sons (company_id 1002)", "2026-11-30 10:15:30 UTC", "2026-12-01", pushId.toString(),
				"your billing for it ends then", "asked to be told")) {
			assertThat(email.text()).as("text states %s", fact).contains(fact);
			assertThat(htmlText).as("HTML states %s", fact).contains(fact);
		}
		assertThat(email.html()).contains("Gaining &amp; Sons").doesNotContain("Gaining & Sons");
	}

	@Test
	void shouldAskTheGainingCompanyToApproveInTextAndHtmlWithWhereToAnswer() {
		UUID pushId = UUID.randomUUID();
		DueNotification request = new DueNotification(UUID.randomUUID(), pushId, NotificationAudience.APPROVAL,
				"noc@gaining.example", "<" + pushId + ".approval@domain-push>", 1, COMPLETED, "example.com", 1001,
				"Losing & Co", 1002, "Gaining Reseller", null, null, null, null, null, null,
				Instant.parse("2026-12-10T10:15:30Z"), null);
		NotificationEmail email = NotificationEmail.of(request, RenderedEmailTests.TEMPLATES,
				RenderedEmailTests.SETTINGS);
		assertThat(email.subject())
			.isEqualTo("Approve or decline: Losing & Co wants to push example.com to your account");
		String htmlText = visibleText(email.html());
		for (String fact : List.of("Hello Gaining Reseller", "Losing & Co (company_id 1001)", "example.com",
				"as soon as it is approved", "2026-12-10 10:15:30 UTC", "the push expires and nothing moves",
				pushId.toString())) {
			assertThat(email.text()).as("text states %s", fact).contains(fact);
			assertThat(htmlText).as("HTML states %s", fact).contains(fact);
		}
		assertThat(email.text()).contains(RenderedEmailTests.SETTINGS.link("/console/pushes/" + pushId));
		assertThat(email.html()).contains("href=\"" + RenderedEmailTests.SETTINGS.link("/console/pushes/" + pushId))
			.contains("Losing &amp; Co")
			.doesNotContainPattern("(?i)<(img|script|iframe|object)\\b");
	}

	/** The text a reader sees: tags removed, entities decoded, spaces collapsed. */
	static String visibleText(String html) {
		return html.replaceAll("(?s)<head>.*?</head>", " ")
			.replaceAll("<[^>]+>", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&")
			.replaceAll("\\s+", " ")
			.replace(" )", ")")
			.replace("( ", "(");
	}

	private static DueNotification push(UUID pushId, String losing, String gaining) {
		return new DueNotification(UUID.randomUUID(), pushId, NotificationAudience.GAINING, "noc@gaining.example",
				"<" + pushId + "@domain-push>", 1, COMPLETED, "example.com", 1001, losing, 1002, gaining, 7, COMPLETED,
				LocalDate.of(2026, 12, 1), 14L, 2048L, "language, webmail_theme", null, null);
	}

}
