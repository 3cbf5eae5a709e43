package io.domainpush.api.push;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/pushes")
class PushController {

	private final PushService service;

	private final PushQueries queries;

	private final ApiLimits limits;

	PushController(PushService service, PushQueries queries, ApiLimits limits) {
		this.service = service;
		this.queries = queries;
		this.limits = limits;
	}

	@PostMapping
	ResponseEntity<PushView> submit(Caller caller, @Valid @RequestBody PushRequests.SubmitPush request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		checkIdempotencyKey(idempotencyKey);
		PushService.Submitted submitted = service.submit(caller, request, idempotencyKey);
		PushView push = submitted.push();
		return ResponseEntity.accepted().location(URI.create("/api/v1/pushes/" + push.pushId())).body(push);
	}

	@PostMapping("/precheck")
	PushService.Precheck precheck(Caller caller, @Valid @RequestBody PushRequests.SubmitPush request) {
		return service.precheck(caller, request);
	}

	@GetMapping("/{pushId}")
	PushView get(Caller caller, @PathVariable UUID pushId) {
		return service.get(caller, pushId);
	}

	@GetMapping("/{pushId}/report")
	PushReport report(Caller caller, @PathVariable UUID pushId) {
		return service.report(caller, pushId);
	}

	@GetMapping
	Page<PushView> list(Caller caller, @RequestParam(required = false) String domain,
			@RequestParam(required = false) String status,
			@RequestParam(name = "batch_id", required = false) UUID batchId,
			@RequestParam(required = false) String direction, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String after,
			@RequestParam(required = false) String before) {
		return queries.list(caller, domain, status, batchId, PushQueries.direction(direction),
				PageRequest.of(page, size, after, before, limits));
	}

	@DeleteMapping("/{pushId}")
	PushView cancel(Caller caller, @PathVariable UUID pushId) {
		return service.cancel(caller, pushId);
	}

	@PostMapping("/{pushId}/approve")
	PushView approve(Caller caller, @PathVariable UUID pushId) {
		return service.approve(caller, pushId);
	}

	@PostMapping("/{pushId}/decline")
	PushView decline(Caller caller, @PathVariable UUID pushId) {
		return service.decline(caller, pushId);
	}

	/**
	 * 202: the notifier sends it within its poll interval; follow
	 * {@code notification.status}.
	 */
	@PostMapping("/{pushId}/notification/resend")
	ResponseEntity<PushView> resendNotification(Caller caller, @PathVariable UUID pushId) {
		PushView push = service.resendNotification(caller, pushId);
		return ResponseEntity.accepted().location(URI.create("/api/v1/pushes/" + pushId)).body(push);
	}

	private static void checkIdempotencyKey(String key) {
		if (key != null && (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
			throw ApiException.invalid("Idempotency-Key must be 1 to 200 visible ASCII characters.");
		}
	}

}
