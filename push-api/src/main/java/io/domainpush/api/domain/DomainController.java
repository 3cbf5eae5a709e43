package io.domainpush.api.domain;

import java.net.URI;

import jakarta.validation.Valid;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DomainController {

	private final DomainService domains;

	private final ApiLimits limits;

	DomainController(DomainService domains, ApiLimits limits) {
		this.domains = domains;
		this.limits = limits;
	}

	@PostMapping("/api/v1/companies/{companyId}/domains")
	ResponseEntity<DomainViews.DomainDetail> create(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody DomainRequests.CreateDomain request) {
		DomainViews.DomainDetail created = domains.create(caller, companyId, request);
		return ResponseEntity.created(URI.create("/api/v1/domains/" + created.name())).body(created);
	}

	@GetMapping("/api/v1/companies/{companyId}/domains")
	Page<DomainViews.DomainSummary> list(Caller caller, @PathVariable long companyId,
			@RequestParam(required = false) String search, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String after,
			@RequestParam(required = false) String before) {
		return domains.list(caller, companyId, search, PageRequest.of(page, size, after, before, limits));
	}

	@GetMapping("/api/v1/domains/{domain}")
	DomainViews.DomainDetail get(Caller caller, @PathVariable String domain) {
		return domains.get(caller, domain);
	}

	@GetMapping("/api/v1/domains/{domain}/users")
	Page<DomainViews.UserView> users(Caller caller, @PathVariable String domain,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return domains.users(caller, domain, PageRequest.of(page, size, limits));
	}

	@PutMapping("/api/v1/domains/{domain}/brand")
	DomainViews.DomainDetail assignBrand(Caller caller, @PathVariable String domain,
			@Valid @RequestBody DomainRequests.AssignBrand request) {
		return domains.assignBrand(caller, domain, request.brandId());
	}

	@GetMapping("/api/v1/domains/{domain}/billing")
	DomainViews.Billing billing(Caller caller, @PathVariable String domain) {
		return domains.billing(caller, domain);
	}

}
