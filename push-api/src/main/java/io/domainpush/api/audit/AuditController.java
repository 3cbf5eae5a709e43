package io.domainpush.api.audit;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail: a company's own entries for its admins, all entries for the operator.
 * Newest first.
 */
@RestController
class AuditController {

	private final AuditTrail trail;

	private final ApiLimits limits;

	AuditController(AuditTrail trail, ApiLimits limits) {
		this.trail = trail;
		this.limits = limits;
	}

	@GetMapping("/api/v1/companies/{companyId}/audit")
	Page<AuditTrail.Entry> company(Caller caller, @PathVariable long companyId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before) {
		return trail.ofCompany(caller, companyId, PageRequest.of(page, size, after, before, limits));
	}

	@GetMapping("/api/v1/audit")
	Page<AuditTrail.Entry> all(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String after,
			@RequestParam(required = false) String before) {
		return trail.all(caller, PageRequest.of(page, size, after, before, limits));
	}

}
