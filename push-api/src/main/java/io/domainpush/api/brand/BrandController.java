package io.domainpush.api.brand;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.rules.PlainText;
import io.domainpush.api.web.Settings;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BrandController {

	private final BrandRepository brands;

	private final CompanyLookup companies;

	private final ApiLimits limits;

	BrandController(BrandRepository brands, CompanyLookup companies, ApiLimits limits) {
		this.brands = brands;
		this.companies = companies;
		this.limits = limits;
	}

	@PostMapping("/api/v1/companies/{companyId}/brands")
	@Transactional
	ResponseEntity<BrandView> create(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody CreateBrand request) {
		companies.requireVisible(caller, companyId);
		BrandView brand = brands.insert(companyId, request.name().strip(),
				Settings.check(request.settings(), "settings", limits));
		return ResponseEntity.created(URI.create("/api/v1/brands/" + brand.brandId())).body(brand);
	}

	@GetMapping("/api/v1/companies/{companyId}/brands")
	@Transactional(readOnly = true)
	Page<BrandView> list(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		companies.requireVisible(caller, companyId);
		PageRequest request = PageRequest.of(page, size, limits);
		return Page.of(brands.list(companyId, request), request);
	}

	/**
	 * R7: a frozen brand (the copy a pushed domain keeps) cannot be edited: 409
	 * BRAND_NOT_EDITABLE.
	 */
	@PatchMapping("/api/v1/brands/{brandId}")
	@Transactional
	BrandView update(Caller caller, @PathVariable long brandId, @Valid @RequestBody UpdateBrand request) {
		BrandView brand = brands.lock(brandId)
			.filter(b -> caller.canSee(b.companyId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.BRAND_NOT_FOUND, "Brand"));
		if (!brand.editable()) {
			throw new ApiException(ErrorCode.BRAND_NOT_EDITABLE,
					"This brand came with a pushed domain and cannot be edited; create a brand and assign it instead.");
		}
		brands.update(brandId, request.name() == null ? null : request.name().strip(),
				request.settings() == null ? null : Settings.check(request.settings(), "settings", limits));
		return brands.find(brandId).orElseThrow();
	}

	record CreateBrand(@NotBlank @Size(max = 200) @jakarta.validation.constraints.Pattern(regexp = PlainText.PATTERN,
			message = PlainText.MESSAGE) String name, Map<String, Object> settings) {
	}

	record UpdateBrand(@Size(min = 1, max = 200) @jakarta.validation.constraints.Pattern(regexp = PlainText.PATTERN,
			message = PlainText.MESSAGE) String name, Map<String, Object> settings) {
	}

}
