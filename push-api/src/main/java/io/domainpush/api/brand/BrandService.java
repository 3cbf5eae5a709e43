package io.domainpush.api.brand;

import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.api.web.Settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A company's brands; the frozen copies a pushed domain keeps (R7) cannot be edited. */
@Service
class BrandService {

	private final BrandRepository brands;

	private final CompanyLookup companies;

	private final ApiLimits limits;

	BrandService(BrandRepository brands, CompanyLookup companies, ApiLimits limits) {
		this.brands = brands;
		this.companies = companies;
		this.limits = limits;
	}

	@Transactional
	BrandView create(Caller caller, long companyId, BrandRequests.CreateBrand request) {
		companies.requireVisible(caller, companyId);
		return brands.insert(companyId, request.name().strip(), Settings.check(request.settings(), "settings", limits));
	}

	@Transactional(readOnly = true)
	Page<BrandView> list(Caller caller, long companyId, PageRequest page) {
		companies.requireVisible(caller, companyId);
		return Page.of(brands.list(companyId, page), page);
	}

	/**
	 * R7: a frozen brand (the copy a pushed domain keeps) cannot be edited: 409
	 * BRAND_NOT_EDITABLE.
	 */
	@Transactional
	BrandView update(Caller caller, long brandId, BrandRequests.UpdateBrand request) {
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

}
