package io.domainpush.api.brand;

import java.net.URI;

import jakarta.validation.Valid;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BrandController {

	private final BrandService brands;

	private final ApiLimits limits;

	BrandController(BrandService brands, ApiLimits limits) {
		this.brands = brands;
		this.limits = limits;
	}

	@PostMapping("/api/v1/companies/{companyId}/brands")
	ResponseEntity<BrandView> create(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody BrandRequests.CreateBrand request) {
		BrandView brand = brands.create(caller, companyId, request);
		return ResponseEntity.created(URI.create("/api/v1/brands/" + brand.brandId())).body(brand);
	}

	@GetMapping("/api/v1/companies/{companyId}/brands")
	Page<BrandView> list(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return brands.list(caller, companyId, PageRequest.of(page, size, limits));
	}

	@PatchMapping("/api/v1/brands/{brandId}")
	BrandView update(Caller caller, @PathVariable long brandId, @Valid @RequestBody BrandRequests.UpdateBrand request) {
		return brands.update(caller, brandId, request);
	}

}
