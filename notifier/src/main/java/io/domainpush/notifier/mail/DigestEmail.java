package io.domainpush.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.domainpush.core.notification.DigestLine;
import io.domainpush.core.notification.DueDigest;
import io.domainpush.core.notification.NotificationAudience;
import io.domainpush.core.push.PushStatus;

/**
 * The digest of a finished batch for one company: the gaining company's
 * ({@code mail/batch-digest.txt|html}: counts and every push of the batch with its
 * outcome) or a losing company's ({@code mail/batch-departed.txt|html}: the domains that
 * left it). The body lists at most {@link #LISTED_IN_BODY} domains; a longer list is
 * attached whole as {@code domains.csv} in {@code domains.zip}, unless the zip is larger
 * than {@code push.notifier.digest.max-attachment-bytes} or a server refused the email
 * with it: the body then says where the batch's results are read instead.
 */
final class DigestEmail {

	static final int LISTED_IN_BODY = 100;

	private DigestEmail() {
	}

	/**
	 * @param attach whether the whole list may be attached (false: a server refused the
	 * email with it)
	 */
	static NotificationEmail of(DueDigest digest, List<DigestLine> lines, MailTemplates templates,
			NotifierProperties settings, boolean attach) {
		boolean gainingSide = digest.audience() == NotificationAudience.GAINING;
		Map<PushStatus, Integer> counts = new EnumMap<>(PushStatus.class);
		long usersMoved = 0;
		for (DigestLine line : lines) {
			counts.merge(line.status(), 1, Integer::sum);
			usersMoved += line.usersMoved() == null ? 0 : line.usersMoved();
		}
		String company = NotificationEmail.plain(digest.companyName());
		String gaining = NotificationEmail.plain(digest.gainingCompanyName());
		String subject = gainingSide
				? "Bulk migration finished: " + counts.getOrDefault(PushStatus.COMPLETED, 0) + " of " + lines.size()
						+ " domains pushed to your account"
				: lines.size() + (lines.size() == 1 ? " domain" : " domains") + " pushed out of your account to "
						+ gaining;
		List<Map<String, Object>> listed = new ArrayList<>();
		for (DigestLine line : lines.subList(0, Math.min(LISTED_IN_BODY, lines.size()))) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("domain", line.domain());
			row.put("outcome", outcome(line));
			row.put("users", line.usersMoved() == null ? "-" : line.usersMoved());
			row.put("company", NotificationEmail.plain(line.otherCompanyName()));
			row.put("companyId", line.otherCompanyId());
			listed.add(row);
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("subject", subject);
		facts.put("company", company);
		facts.put("gaining", gaining);
		facts.put("gainingId", digest.gainingCompanyId());
		facts.put("batchId", digest.batchId());
		facts.put("submittedAt", NotificationEmail.WHEN.format(digest.submittedAt()));
		facts.put("finishedAt", NotificationEmail.WHEN.format(digest.finishedAt()));
		facts.put("total", digest.total());
		facts.put("refusedUpFront", digest.refusedUpFront());
		facts.put("domains", lines.size());
		facts.put("completed", counts.getOrDefault(PushStatus.COMPLETED, 0));
		facts.put("rejected", counts.getOrDefault(PushStatus.REJECTED, 0));
		facts.put("cancelled", counts.getOrDefault(PushStatus.CANCELLED, 0));
		facts.put("failed", counts.getOrDefault(PushStatus.FAILED, 0));
		facts.put("declined", counts.getOrDefault(PushStatus.DECLINED, 0));
		facts.put("expired", counts.getOrDefault(PushStatus.EXPIRED, 0));
		facts.put("usersMoved", usersMoved);
		facts.put("lines", listed);
		NotificationEmail.Attachment zip = null;
		if (lines.size() > LISTED_IN_BODY && attach) {
			byte[] zipped = zip(csv(lines, gainingSide));
			if (zipped.length <= settings.digest().maxAttachmentBytes()) {
				zip = new NotificationEmail.Attachment("domains.zip", "application/zip", zipped);
			}
		}
		facts.put("attached", zip != null);
		facts.put("linked", lines.size() > LISTED_IN_BODY && zip == null);
		facts.put("resultsAt", resultsAt(digest, settings));
		String template = gainingSide ? "batch-digest" : "batch-departed";
		return new NotificationEmail(subject, templates.text(template, facts), templates.html(template, facts), zip);
	}

	/**
	 * Where either company reads every push of the batch: the API's push list, which
	 * shows a company the pushes it is a side of.
	 */
	static String resultsAt(DueDigest digest, NotifierProperties settings) {
		return settings.link("/api/v1/pushes?batch_id=" + digest.batchId());
	}

	/** {@code domains.csv} in a zip archive. */
	static byte[] zip(byte[] csv) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(csv.length / 4 + 256);
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("domains.csv"));
			zip.write(csv);
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** COMPLETED, or the status with its reason (REJECTED: DOMAIN_NOT_FOUND). */
	private static String outcome(DigestLine line) {
		return line.reason() == null ? line.status().name() : line.status().name() + ": " + line.reason();
	}

	/**
	 * Every line, RFC 4180: a header, CRLF line ends, fields quoted where they hold a
	 * comma, quote or line break; a company name starting with a formula character gets a
	 * leading apostrophe so a spreadsheet shows it instead of evaluating it.
	 */
	static byte[] csv(List<DigestLine> lines, boolean gainingSide) {
		StringBuilder csv = new StringBuilder(64 * (lines.size() + 1));
		csv.append(gainingSide ? "domain,outcome,reason,users_moved,from_company_id,from_company"
				: "domain,users_moved,to_company_id,to_company")
			.append("\r\n");
		for (DigestLine line : lines) {
			csv.append(field(line.domain())).append(',');
			if (gainingSide) {
				csv.append(line.status().name()).append(',').append(field(line.reason())).append(',');
			}
			csv.append(line.usersMoved() == null ? "" : line.usersMoved().toString())
				.append(',')
				.append(line.otherCompanyId())
				.append(',')
				.append(field(NotificationEmail.plain(line.otherCompanyName())))
				.append("\r\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String field(String value) {
		if (value == null) {
			return "";
		}
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

}
