package io.domainpush.api.domain;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.console.PageLinks;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.push.PushQueries;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Domains page (search by name, 50 a page) and a domain's page: its users, effective
 * settings, brand, billing periods, push history and the article's push section ("Gaining
 * company ID", "Push Domain"; the confirmation is the push feature's).
 */
@ConsoleController
class DomainPages {

	static final int HISTORY = 20;

	private final DomainService domains;

	private final PushQueries pushes;

	private final ApiLimits limits;

	DomainPages(DomainService domains, PushQueries pushes, ApiLimits limits) {
		this.domains = domains;
		this.pushes = pushes;
		this.limits = limits;
	}

	/** A company admin sees its company's domains; the operator names a company first. */
	@GetMapping("/console/domains")
	String list(Caller caller, @RequestParam(required = false) Long company,
			@RequestParam(required = false) String search, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before, Model model) {
		Long companyId = caller.isOperator() ? company : caller.companyId();
		model.addAttribute("company", companyId);
		model.addAttribute("search", search);
		model.addAttribute("pageBase", PageLinks.base("/console/domains", "company",
				caller.isOperator() ? companyId : null, "search", search));
		if (companyId != null) {
			model.addAttribute("domains", domains.list(caller, companyId, Forms.valueOrNull(search),
					PageRequest.of(page, PageRequest.DEFAULT_SIZE, after, before, limits)));
		}
		return "console/domain/list";
	}

	@GetMapping("/console/domains/{domain}")
	String detail(Caller caller, @PathVariable String domain, @RequestParam(required = false) Integer page,
			Model model) {
		DomainViews.DomainDetail detail = domains.get(caller, domain);
		model.addAttribute("domain", detail);
		model.addAttribute("users",
				domains.users(caller, detail.name(), PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		model.addAttribute("billing", domains.billing(caller, detail.name()).periods());
		model.addAttribute("pushes", pushes.list(caller, detail.name(), null, null, new PageRequest(0, HISTORY)));
		model.addAttribute("brands", domains.assignableBrands(caller, detail.name()));
		return "console/domain/detail";
	}

	@PostMapping("/console/domains/{domain}/brand")
	String assignBrand(Caller caller, @PathVariable String domain,
			@RequestParam(name = "brand_id", defaultValue = "") String brand, RedirectAttributes flash) {
		Long brandId = brand.isBlank() ? null : parse(brand);
		DomainViews.DomainDetail detail = domains.assignBrand(caller, domain, brandId);
		flash.addFlashAttribute("notice", brandId == null ? "The brand was removed from " + detail.name() + "."
				: "Brand " + detail.brand().name() + " is assigned to " + detail.name() + ".");
		return "redirect:/console/domains/" + detail.name();
	}

	private static long parse(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("Choose a brand from the list.");
		}
	}

}
