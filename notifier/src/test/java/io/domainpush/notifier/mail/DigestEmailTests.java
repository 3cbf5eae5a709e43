package io.domainpush.notifier.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import io.domainpush.core.notification.DigestLine;
import io.domainpush.core.notification.DueDigest;
import io.domainpush.core.notification.NotificationAudience;
import io.domainpush.core.push.PushStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's digest says the same facts in text and HTML, lists at most 100 domains in its
 * body and every one in an attached, zipped CSV that a spreadsheet cannot be tricked by;
 * when the zip would be larger than allowed, or a server refused the digest with it, the
 * body says where all of them are read instead.
 */
class DigestEmailTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-30T10:00:00Z");

	private static final Instant FINISHED = Instant.parse("2026-11-30T10:05:30Z");

	private static final NotifierProperties SETTINGS = SmtpSenderTests.properties(2_000_000);

	@Test
	void shouldStateTheSameFactsInTextAndHtml() {
		UUID batchId = UUID.randomUUID();
		List<DigestLine> lines = List.of(line("a.example", PushStatus.COMPLETED, 3, null),
				line("b.example", PushStatus.REJECTED, null, "NOT_OWNER"),
				line("c.example", PushStatus.CANCELLED, null, null),
				line("d.example", PushStatus.FAILED, null, "PROCESSING_FAILED"));
		NotificationEmail email = DigestEmail.of(digest(batchId, NotificationAudience.GAINING, 5, 1), lines,
				RenderedEmailTests.TEMPLATES, SETTINGS, true);
		assertThat(email.subject()).isEqualTo("Bulk migration finished: 1 of 4 domains pushed to your account");
		assertThat(email.attachment()).isNull();
		String htmlText = NotificationEmailTests.visibleText(email.html());
		for (String fact : List.of("Hello Gaining & Sons", "1 of 4 domains", batchId.toString(),
				"2026-11-30 10:00:00 UTC", "2026-11-30 10:05:30 UTC", "(1 refused when submitted)", "3 users moved",
				"a.example", "COMPLETED", "b.example", "REJECTED: NOT_OWNER", "c.example", "CANCELLED", "d.example",
				"FAILED: PROCESSING_FAILED", "Losing <Reseller> (company_id 1001)", "chose digests")) {
			assertThat(email.text()).as("text states %s", fact).contains(fact);
			assertThat(htmlText).as("HTML states %s", fact).contains(fact);
		}
		assertThat(email.html()).contains("Losing &lt;Reseller&gt;").doesNotContain("<Reseller>");
		assertThat(email.html()).doesNotContainPattern("(?i)<(img|link|script|iframe|object)\\b")
			.doesNotContainPattern("(?i)<[^>]*\\b(src|href|background)\\s*=");
	}

	@Test
	void shouldListTheFirstHundredAndAttachAllBeyond() {
		List<DigestLine> lines = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			// in a losing company's digest, the other company is the gaining one
			lines.add(new DigestLine("d%03d.example".formatted(i), PushStatus.COMPLETED, i % 4, null, 1002,
					"Gaining & Sons"));
		}
		NotificationEmail email = DigestEmail.of(digest(UUID.randomUUID(), NotificationAudience.LOSING, 250, 0), lines,
				RenderedEmailTests.TEMPLATES, SETTINGS, true);
		assertThat(email.subject()).isEqualTo("250 domains pushed out of your account to Gaining & Sons");
		assertThat(email.text()).contains("d099.example", "The first 100 of 250 domains are listed here")
			.doesNotContain("d100.example");
		assertThat(email.html()).contains("d099.example").doesNotContain("d100.example");
		assertThat(email.attachment().filename()).isEqualTo("domains.zip");
		assertThat(email.attachment().contentType()).isEqualTo("application/zip");
		List<String> rows = new String(unzip(email.attachment().bytes()), StandardCharsets.UTF_8).lines().toList();
		assertThat(rows).hasSize(251);
		assertThat(rows.get(0)).isEqualTo("domain,users_moved,to_company_id,to_company");
		assertThat(rows.get(250)).isEqualTo("d249.example,1,1002,Gaining & Sons");
	}

	@Test
	void shouldSayWhereTheResultsAreInsteadOfAttachingAListLargerThanAllowed() {
		List<DigestLine> lines = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			lines.add(new DigestLine("d%03d.example".formatted(i), PushStatus.COMPLETED, 1, null, 1001, "Losing"));
		}
		UUID batchId = UUID.randomUUID();
		DueDigest digest = digest(batchId, NotificationAudience.GAINING, 250, 0);
		NotificationEmail tooLarge = DigestEmail.of(digest, lines, RenderedEmailTests.TEMPLATES,
				SmtpSenderTests.properties(100), true);
		NotificationEmail refused = DigestEmail.of(digest, lines, RenderedEmailTests.TEMPLATES, SETTINGS, false);

		assertThat(tooLarge.attachment()).isNull();
		assertThat(tooLarge.text())
			.contains("all 250 are at https://push.example.com/api/v1/pushes?batch_id=" + batchId)
			.doesNotContain("attached");
		assertThat(NotificationEmailTests.visibleText(tooLarge.html()))
			.contains("all 250 are at https://push.example.com/api/v1/pushes?batch_id=" + batchId);
		assertThat(refused.attachment()).isNull();
		assertThat(refused.text())
			.contains("all 250 are at https://push.example.com/api/v1/pushes?batch_id=" + batchId);
	}

	@Test
	void shouldQuoteCsvFieldsAndDefuseFormulas() {
		byte[] csv = DigestEmail.csv(List.of(
				new DigestLine("a.example", PushStatus.COMPLETED, 1, null, 7,
						"=HYPERLINK(\"https://evil.example\",\"x\")"),
				new DigestLine("b.example", PushStatus.COMPLETED, 2, null, 8, "Smith, Jones & \"Partners\"")), true);
		assertThat(new String(csv, StandardCharsets.UTF_8).lines()).containsExactly(
				"domain,outcome,reason,users_moved,from_company_id,from_company",
				"a.example,COMPLETED,,1,7,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"",
				"b.example,COMPLETED,,2,8,\"Smith, Jones & \"\"Partners\"\"\"");
	}

	private static byte[] unzip(byte[] zip) {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			assertThat(in.getNextEntry().getName()).isEqualTo("domains.csv");
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static DigestLine line(String domain, PushStatus status, Integer users, String reason) {
		return new DigestLine(domain, status, users, reason, 1001, "Losing <Reseller>");
	}

	private static DueDigest digest(UUID batchId, NotificationAudience audience, int total, int refused) {
		boolean gaining = audience == NotificationAudience.GAINING;
		return new DueDigest(UUID.randomUUID(), batchId, audience, gaining ? 1002 : 1001,
				gaining ? "Gaining & Sons" : "Losing Reseller", "noc@example.com",
				"<" + batchId + ".digest@domain-push>", 1, FINISHED, 1002, "Gaining & Sons", total, refused, SUBMITTED,
				FINISHED);
	}

}
