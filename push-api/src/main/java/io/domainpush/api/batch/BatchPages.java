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
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
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

	private final Forms forms;

	BatchPages(BatchService batches, ApiLimits limits, Forms forms) {
		this.batches = batches;
		this.limits = limits;
		this.forms = forms;
	}

	@GetMapping("/console/bulk")
	String form(@ModelAttribute("bulk") BulkForm form) {
		return "console/batch/new";
	}

	/**
	 * The form's fields and the file together are the API's text/csv body; what is wrong
	 * with the company stands next to its field, a refusal of the batch above the form.
	 */
	@PostMapping("/console/bulk")
	String submit(Caller caller, @ModelAttribute("bulk") BulkForm form, BindingResult errors,
			@RequestParam(required = false) MultipartFile file, HttpServletResponse response) throws IOException {
		if (!forms.check(form, errors) | !Forms.checkWhen(form.getWhen(), errors)) {
			return Forms.again("console/batch/new", response);
		}
		try {
			long gainingId = Forms.companyId(form.getGainingCompanyId());
			InputStream pasted = new ByteArrayInputStream((form.getDomains() + "\n").getBytes(StandardCharsets.UTF_8));
			InputStream all = file == null || file.isEmpty() ? pasted
					: new SequenceInputStream(pasted, file.getInputStream());
			List<String> parsed = BatchInput.csv(all, gainingId, null, null, limits.maxBatchDomains()).domains();
			if (parsed.isEmpty()) {
				errors.rejectValue("domains", "empty", "Paste the domains to push, one a line, or choose a CSV file.");
				return Forms.again("console/batch/new", response);
			}
			BatchViews.Submitted submitted = batches.submit(caller, gainingId, parsed, form.getWhen().notBefore(),
					form.getWhen().at());
			return "redirect:/console/batches/" + submitted.batchId();
		}
		catch (ApiException refused) {
			if (refused.getStatusCode().value() == 404) {
				throw refused;
			}
			Forms.refused(refused, errors);
			if (form.getDomains().length() > 100_000) {
				form.setDomains("");
			}
			response.setStatus(refused.getStatusCode().value());
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
		flash.addFlashAttribute("notice", progress.cancelled() + " pushes of the batch are cancelled.");
		return "redirect:/console/batches/" + batchId;
	}

	/** The gaining side approves, or declines, every push of the batch awaiting it. */
	@PostMapping("/console/batches/{batchId}/approve")
	String approve(Caller caller, @PathVariable UUID batchId, RedirectAttributes flash) {
		batches.decide(caller, batchId, true);
		flash.addFlashAttribute("notice", "The pushes of the batch that awaited approval are approved.");
		return "redirect:/console/batches/" + batchId;
	}

	@PostMapping("/console/batches/{batchId}/decline")
	String decline(Caller caller, @PathVariable UUID batchId, RedirectAttributes flash) {
		BatchViews.Progress progress = batches.decide(caller, batchId, false);
		flash.addFlashAttribute("notice", progress.declined() + " pushes of the batch are declined.");
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

	private static String number(Number value) {
		return value == null ? "" : value.toString();
	}

}
