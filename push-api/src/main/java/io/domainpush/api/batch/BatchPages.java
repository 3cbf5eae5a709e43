package io.domainpush.api.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk push in the console: domains pasted or a CSV uploaded (the API's text/csv format),
 * the refusals up front, then the batch's progress live until it is finished, and every
 * domain's outcome as a CSV download.
 */
@ConsoleController
class BatchPages {

	private final BatchService batches;

	private final ApiLimits limits;

	BatchPages(BatchService batches, ApiLimits limits) {
		this.batches = batches;
		this.limits = limits;
	}

	@GetMapping("/console/bulk")
	String form() {
		return "console/batch/new";
	}

	@PostMapping("/console/bulk")
	String submit(Caller caller, @RequestParam(name = "gaining_company_id", defaultValue = "") String gaining,
			@RequestParam(defaultValue = "") String domains, @RequestParam(required = false) MultipartFile file,
			Model model, HttpServletResponse response) throws IOException {
		try {
			long gainingId = companyId(gaining);
			InputStream pasted = new ByteArrayInputStream((domains + "\n").getBytes(StandardCharsets.UTF_8));
			InputStream all = file == null || file.isEmpty() ? pasted
					: new SequenceInputStream(pasted, file.getInputStream());
			List<String> parsed = BatchInput.csv(all, gainingId, limits.maxBatchDomains()).domains();
			if (parsed.isEmpty()) {
				throw ApiException.invalid("Paste the domains to push, one a line, or choose a CSV file.");
			}
			BatchViews.Submitted submitted = batches.submit(caller, gainingId, parsed);
			return "redirect:/console/batches/" + submitted.batchId();
		}
		catch (ApiException refused) {
			if (refused.getStatusCode().value() == 404) {
				throw refused;
			}
			response.setStatus(refused.getStatusCode().value());
			model.addAttribute("problemCode", refused.code().name());
			model.addAttribute("problem", refused.getBody().getDetail());
			model.addAttribute("gaining", gaining);
			model.addAttribute("domains", domains.length() > 100_000 ? "" : domains);
			return "console/batch/new";
		}
	}

	@GetMapping("/console/batches/{batchId}")
	String detail(Caller caller, @PathVariable UUID batchId, @RequestParam(required = false) Integer page,
			Model model) {
		model.addAttribute("progress", batches.progress(caller, batchId));
		model.addAttribute("rejections",
				batches.rejections(caller, batchId, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		return "console/batch/detail";
	}

	/**
	 * The live progress bar, asked for again every second until the batch is finished.
	 */
	@GetMapping("/console/batches/{batchId}/progress")
	String progress(Caller caller, @PathVariable UUID batchId, Model model) {
		model.addAttribute("progress", batches.progress(caller, batchId));
		return "console/batch/detail :: progress";
	}

	@PostMapping("/console/batches/{batchId}/cancel")
	String cancel(Caller caller, @PathVariable UUID batchId, RedirectAttributes flash) {
		BatchViews.Progress progress = batches.cancel(caller, batchId);
		flash.addFlashAttribute("notice", progress.cancelled() + " queued pushes of the batch were cancelled.");
		return "redirect:/console/batches/" + batchId;
	}

	@GetMapping("/console/batches/{batchId}/results.csv")
	ResponseEntity<StreamingResponseBody> results(Caller caller, @PathVariable UUID batchId) {
		batches.progress(caller, batchId); // 404 before the download starts
		StreamingResponseBody body = out -> {
			Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			csv.write("domain,outcome,reason,users_moved,messages_moved,bytes_moved,settings_changed\n");
			batches.results(caller, batchId, row -> {
				try {
					csv.write(field(row.domain()) + "," + row.outcome() + "," + field(row.reason()) + ","
							+ number(row.usersMoved()) + "," + number(row.messagesMoved()) + ","
							+ number(row.bytesMoved()) + "," + field(row.settingsChanged()) + "\n");
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			csv.flush();
		};
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"batch-" + batchId + ".csv\"")
			.body(body);
	}

	/**
	 * A CSV field (RFC 4180 quoting); a refused entry is kept as typed, so one that a
	 * spreadsheet would run as a formula gets a leading apostrophe.
	 */
	static String field(String value) {
		if (value == null) {
			return "";
		}
		String safe = value.matches("(?s)[=+\\-@\t\r].*") ? "'" + value : value;
		return safe.matches("(?s).*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
	}

	private static long companyId(String text) {
		String id = text.strip();
		if (!id.matches("[1-9][0-9]{0,17}")) {
			throw ApiException.invalid("Enter the gaining company's ID, a number such as 1001.");
		}
		return Long.parseLong(id);
	}

	private static String number(Number value) {
		return value == null ? "" : value.toString();
	}

}
