package io.domainpush.api.domain;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.validation.Valid;

import io.domainpush.api.brand.BrandRepository;
import io.domainpush.api.brand.BrandView;
import io.domainpush.api.brand.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.api.web.Settings;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.DomainNames;
import io.domainpush.core.rules.EffectiveSettings;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DomainController {

	private final DomainRepository domains;

	private final BrandRepository brands;

	private final CompanyLookup companies;

	private final BillingCycle billing;

	private final ApiLimits limits;

	DomainController(DomainRepository domains, BrandRepository brands, CompanyLookup companies, BillingCycle billing,
			ApiLimits limits) {
		this.domains = domains;
		this.brands = brands;
		this.companies = companies;
		this.billing = billing;
		this.limits = limits;
	}

	@PostMapping("/api/v1/companies/{companyId}/domains")
	@Transactional
	ResponseEntity<DomainViews.DomainDetail> create(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody DomainRequests.CreateDomain request) {
		companies.requireVisible(caller, companyId);
		String name = DomainNames.normalize(request.name());
		if (name == null) {
			throw ApiException.invalid("name is not a valid domain name.");
		}
		checkUsers(request);
		if (request.brandId() != null) {
			brands.find(request.brandId())
				.filter(b -> b.companyId() == companyId)
				.orElseThrow(() -> ApiException.notFound(ErrorCode.BRAND_NOT_FOUND, "Brand"));
		}
		if (domains.exists(name)) {
			throw new ApiException(ErrorCode.DOMAIN_EXISTS, "The domain already exists.");
		}
		domains.insert(companyId, name, request.brandId(), Settings.check(request.settings(), "settings", limits),
				request.users(), billing.currentCycleStart(Instant.now()));
		return ResponseEntity.created(URI.create("/api/v1/domains/" + name))
			.body(detail(domains.find(name).orElseThrow()));
	}

	private void checkUsers(DomainRequests.CreateDomain request) {
		if (request.users().size() > limits.maxUsersPerDomain()) {
			throw ApiException
				.invalid("A domain may be provisioned with at most " + limits.maxUsersPerDomain() + " users.");
		}
		Set<String> mailboxes = new HashSet<>();
		for (DomainRequests.NewUser user : request.users()) {
			if (!mailboxes.add(user.mailbox().toLowerCase())) {
				throw ApiException.invalid("Mailbox '" + user.mailbox() + "' appears twice.");
			}
			Settings.check(user.settings(), "users[].settings", limits);
			if (user.messages() != null && user.messages().size() > limits.maxMessagesPerUser()) {
				throw ApiException
					.invalid("A user may be provisioned with at most " + limits.maxMessagesPerUser() + " messages.");
			}
		}
	}

	@GetMapping("/api/v1/companies/{companyId}/domains")
	@Transactional(readOnly = true)
	Page<DomainViews.DomainSummary> list(Caller caller, @PathVariable long companyId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		companies.requireVisible(caller, companyId);
		PageRequest request = PageRequest.of(page, size, limits);
		return Page.of(domains.list(companyId, request), request);
	}

	@GetMapping("/api/v1/domains/{domain}")
	@Transactional(readOnly = true)
	DomainViews.DomainDetail get(Caller caller, @PathVariable String domain) {
		return detail(visible(caller, domain));
	}

	@GetMapping("/api/v1/domains/{domain}/users")
	@Transactional(readOnly = true)
	Page<DomainViews.UserView> users(Caller caller, @PathVariable String domain,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		DomainRepository.DomainRow row = visible(caller, domain);
		PageRequest request = PageRequest.of(page, size, limits);
		return Page.of(domains.users(row.domainId(), request), request);
	}

	/**
	 * The owner replaces (or removes) the domain's brand, e.g. after a push froze the old
	 * one (R7).
	 */
	@PutMapping("/api/v1/domains/{domain}/brand")
	@Transactional
	DomainViews.DomainDetail assignBrand(Caller caller, @PathVariable String domain,
			@Valid @RequestBody DomainRequests.AssignBrand request) {
		DomainRepository.DomainRow row = visible(caller, domain);
		if (request.brandId() != null) {
			brands.find(request.brandId())
				.filter(b -> b.companyId() == row.companyId())
				.orElseThrow(() -> ApiException.notFound(ErrorCode.BRAND_NOT_FOUND, "Brand"));
		}
		if (!domains.assignBrand(row.domainId(), row.companyId(), request.brandId())) {
			// pushed to another company since it was read: the caller no longer sees it
			throw ApiException.notFound(ErrorCode.DOMAIN_NOT_FOUND, "Domain");
		}
		return detail(domains.find(row.name()).orElseThrow());
	}

	@GetMapping("/api/v1/domains/{domain}/billing")
	@Transactional(readOnly = true)
	DomainViews.Billing billing(Caller caller, @PathVariable String domain) {
		DomainRepository.DomainRow row = visible(caller, domain);
		return new DomainViews.Billing(row.name(), domains.billing(row.domainId()));
	}

	/**
	 * R5: only the current owner (or the operator) sees a domain; anything else is 404.
	 */
	private DomainRepository.DomainRow visible(Caller caller, String domain) {
		String name = DomainNames.normalize(domain);
		if (name == null) {
			throw ApiException.invalid("Not a valid domain name.");
		}
		return domains.find(name)
			.filter(d -> caller.canSee(d.companyId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.DOMAIN_NOT_FOUND, "Domain"));
	}

	private DomainViews.DomainDetail detail(DomainRepository.DomainRow row) {
		BrandView brand = row.brandId() == null ? null : brands.find(row.brandId()).orElse(null);
		return new DomainViews.DomainDetail(row.name(), row.companyId(), row.cluster(), brand, row.settings(),
				EffectiveSettings.of(row.ownerDefaults(), brand == null ? null : brand.settings(), row.settings()),
				row.userCount(), row.messageCount(), row.messageBytes());
	}

}
