package io.domainpush.api.company;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/companies")
class CompanyController {

	private final CompanyService service;

	private final ApiLimits limits;

	CompanyController(CompanyService service, ApiLimits limits) {
		this.service = service;
		this.limits = limits;
	}

	@PostMapping
	ResponseEntity<CompanyView> create(Caller caller, @Valid @RequestBody CompanyRequests.CreateCompany request) {
		CompanyView company = service.create(caller, request);
		return ResponseEntity.created(URI.create("/api/v1/companies/" + company.companyId())).body(company);
	}

	@GetMapping
	Page<CompanyRepository.CompanySummary> list(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return service.list(caller, PageRequest.of(page, size, limits));
	}

	@GetMapping("/{companyId}")
	CompanyView get(Caller caller, @PathVariable long companyId) {
		return service.get(caller, companyId);
	}

	@DeleteMapping("/{companyId}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long companyId) {
		service.delete(caller, companyId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{companyId}/domain-push")
	CompanyView.DomainPushView domainPush(Caller caller, @PathVariable long companyId) {
		return service.get(caller, companyId).domainPush();
	}

	@PutMapping("/{companyId}/domain-push")
	CompanyView.DomainPushView updateDomainPush(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody CompanyRequests.DomainPushSettings request) {
		return service.updateDomainPush(caller, companyId, request);
	}

}
