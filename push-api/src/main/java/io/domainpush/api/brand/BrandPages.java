package io.domainpush.api.brand;

import java.util.List;
import java.util.Map;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Brands page: a company's brands (50 a page), creating and renaming them; the frozen
 * copies that came with pushed domains show as unlabelled and cannot be edited (R7).
 * Assigning a brand to a domain is on the domain's page.
 */
@ConsoleController
class BrandPages {

	private final BrandService brands;

	private final Forms forms;

	private final ApiLimits limits;

	BrandPages(BrandService brands, Forms forms, ApiLimits limits) {
		this.brands = brands;
		this.forms = forms;
		this.limits = limits;
	}

	@GetMapping("/console/brands")
	String list(Caller caller, @RequestParam(required = false) Long company,
			@RequestParam(required = false) Integer page, Model model) {
		Long companyId = caller.isOperator() ? company : caller.companyId();
		model.addAttribute("company", companyId);
		if (!model.containsAttribute("newBrand")) {
			model.addAttribute("newBrand", new BrandForm());
		}
		if (companyId != null) {
			model.addAttribute("brands",
					brands.list(caller, companyId, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		}
		return "console/brand/list";
	}

	@PostMapping("/console/brands")
	String create(Caller caller, @RequestParam(required = false) Long company,
			@ModelAttribute("newBrand") BrandForm form, BindingResult errors, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		long companyId = caller.isOperator() ? required(company) : caller.companyId();
		BrandRequests.CreateBrand request = new BrandRequests.CreateBrand(form.getName().strip(), Map.of());
		if (!forms.check(request, errors)) {
			return Forms.again(list(caller, companyId, null, model), response);
		}
		BrandView created = brands.create(caller, companyId, request);
		flash.addFlashAttribute("notice", "Brand " + created.name() + " created.");
		return "redirect:/console/brands" + (caller.isOperator() ? "?company=" + companyId : "");
	}

	@PostMapping("/console/brands/{brandId}")
	String rename(Caller caller, @PathVariable long brandId, @RequestParam(defaultValue = "") String name,
			RedirectAttributes flash) {
		BrandRequests.UpdateBrand request = new BrandRequests.UpdateBrand(name.strip(), null);
		List<String> problems = forms.problems(request);
		BrandView brand = null;
		if (problems.isEmpty()) {
			try {
				brand = brands.update(caller, brandId, request);
				flash.addFlashAttribute("notice", "Brand renamed to " + brand.name() + ".");
			}
			catch (ApiException refused) {
				if (refused.code() != ErrorCode.BRAND_NOT_EDITABLE) {
					throw refused;
				}
				problems = List.of("This brand came with a pushed domain: it is unlabelled and cannot be edited. "
						+ "Create a brand with the settings you want and assign it to the domain.");
			}
		}
		flash.addFlashAttribute("problems", problems);
		return "redirect:/console/brands"
				+ (caller.isOperator() && brand != null ? "?company=" + brand.companyId() : "");
	}

	private static long required(Long company) {
		if (company == null) {
			throw ApiException.invalid("Choose a company first.");
		}
		return company;
	}

}
