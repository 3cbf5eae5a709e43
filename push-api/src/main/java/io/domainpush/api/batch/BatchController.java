package io.domainpush.api.batch;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.push.PushQueries;
import io.domainpush.api.push.PushView;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/push-batches")
class BatchController {

	private final BatchService batches;

	private final PushQueries pushes;

	private final JsonMapper json;

	private final ApiLimits limits;

	BatchController(BatchService batches, PushQueries pushes, JsonMapper json, ApiLimits limits) {
		this.batches = batches;
		this.pushes = pushes;
		this.json = json;
		this.limits = limits;
	}

	/**
	 * A JSON body {@code {gaining_company_id, domains, not_before?, at?}} or a text/csv
	 * body with {@code ?gaining_company_id=} (and {@code not_before=} or {@code at=}).
	 */
	@PostMapping
	ResponseEntity<BatchViews.Submitted> submit(Caller caller, HttpServletRequest request,
			@RequestParam(name = "gaining_company_id", required = false) Long gainingParam,
			@RequestParam(name = "not_before", required = false) String notBefore,
			@RequestParam(name = "at", required = false) String at) throws IOException {
		MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
		BatchInput.Parsed parsed;
		if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			parsed = BatchInput.json(request.getInputStream(), json, limits.maxBatchDomains());
		}
		else if (type != null && type.isCompatibleWith(MediaType.parseMediaType("text/csv"))) {
			parsed = BatchInput.csv(request.getInputStream(), gainingParam, BatchInput.time(notBefore), at,
					limits.maxBatchDomains());
		}
		else {
			throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json or text/csv.");
		}
		Long gaining = parsed.gainingCompanyId() != null ? parsed.gainingCompanyId() : gainingParam;
		if (gaining == null || gaining <= 0) {
			throw ApiException.invalid("gaining_company_id is required.");
		}
		if (parsed.domains().isEmpty()) {
			throw ApiException.invalid("The batch holds no domain.");
		}
		BatchViews.Submitted submitted = batches.submit(caller, gaining, parsed.domains(), parsed.notBefore(),
				parsed.at());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/push-batches/" + submitted.batchId()))
			.body(submitted);
	}

	@GetMapping("/{batchId}")
	BatchViews.Progress progress(Caller caller, @PathVariable UUID batchId) {
		return batches.progress(caller, batchId);
	}

	@GetMapping("/{batchId}/pushes")
	Page<PushView> pushes(Caller caller, @PathVariable UUID batchId, @RequestParam(required = false) String status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before) {
		batches.visible(caller, batchId);
		return pushes.list(caller, null, status, batchId, PageRequest.of(page, size, after, before, limits));
	}

	@GetMapping("/{batchId}/rejections")
	Page<BatchViews.Rejection> rejections(Caller caller, @PathVariable UUID batchId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return batches.rejections(caller, batchId, PageRequest.of(page, size, limits));
	}

	/** Approves every push of the batch still awaiting approval (the gaining side). */
	@PostMapping("/{batchId}/approve")
	BatchViews.Progress approve(Caller caller, @PathVariable UUID batchId) {
		return batches.decide(caller, batchId, true);
	}

	/** Declines every push of the batch still awaiting approval (the gaining side). */
	@PostMapping("/{batchId}/decline")
	BatchViews.Progress decline(Caller caller, @PathVariable UUID batchId) {
		return batches.decide(caller, batchId, false);
	}

	@DeleteMapping("/{batchId}")
	BatchViews.Progress cancel(Caller caller, @PathVariable UUID batchId) {
		return batches.cancel(caller, batchId);
	}

}
