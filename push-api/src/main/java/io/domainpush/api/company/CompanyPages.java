package io.domainpush.api.company;

import java.util.List;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.push.WaitingProperties;
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
 * The console's Company settings page, with the article's Domain Push section (the
 * company_id to give the losing reseller, "Allowed companies", "Notification Email",
 * "Update"), and the operator's Companies page.
 */
@ConsoleController
class CompanyPages {

	private final CompanyService companies;

	private final Forms forms;

	private final ApiLimits limits;

	private final WaitingProperties waiting;

	CompanyPages(CompanyService companies, Forms forms, ApiLimits limits, WaitingProperties waiting) {
		this.companies = companies;
		this.forms = forms;
		this.limits = limits;
		this.waiting = waiting;
	}

	@GetMapping("/console/companies/{companyId}")
	String settings(Caller caller, @PathVariable long companyId, Model model) {
		CompanyView company = companies.get(caller, companyId);
		model.addAttribute("company", company);
		model.addAttribute("allowed", companies.allowedCompanies(caller, companyId));
		model.addAttribute("approvalDays", waiting.approvalExpiresAfter().toDays());
		if (!model.containsAttribute("domainPush")) {
			model.addAttribute("domainPush", DomainPushForm.of(company.domainPush()));
		}
		return "console/company/settings";
	}

	/**
	 * The article's step 2: the gaining company lists the companies allowed to push to
	 * it.
	 */
	@PostMapping("/console/companies/{companyId}/domain-push")
	String updateDomainPush(Caller caller, @PathVariable long companyId,
			@ModelAttribute("domainPush") DomainPushForm form, BindingResult errors, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		CompanyRequests.DomainPushSettings request = form.request(errors);
		if (forms.check(request, errors)) {
			try {
				companies.updateDomainPush(caller, companyId, request);
				flash.addFlashAttribute("notice", "Domain Push settings updated.");
				return "redirect:/console/companies/" + companyId + "#domain-push";
			}
			catch (ApiException refused) {
				if (refused.getStatusCode().value() == 404) {
					throw refused;
				}
				Forms.refused(refused, errors, "allowedCompanies");
			}
		}
		return Forms.again(settings(caller, companyId, model), response);
	}

	@GetMapping("/console/companies")
	String list(Caller caller, @RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("companies", companies.list(caller, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		if (!model.containsAttribute("newCompany")) {
			model.addAttribute("newCompany", new NewCompanyForm());
		}
		return "console/company/list";
	}

	@PostMapping("/console/companies")
	String create(Caller caller, @ModelAttribute("newCompany") NewCompanyForm form, BindingResult errors, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		CompanyRequests.CreateCompany request = form.request();
		if (!forms.check(request, errors)) {
			return Forms.again(list(caller, null, model), response);
		}
		CompanyView created = companies.create(caller, request);
		flash.addFlashAttribute("notice",
				"Company " + created.name() + " created with company_id " + created.companyId() + ".");
		return "redirect:/console/companies";
	}

	@PostMapping("/console/companies/{companyId}/delete")
	String delete(Caller caller, @PathVariable long companyId, RedirectAttributes flash) {
		try {
			companies.delete(caller, companyId);
			flash.addFlashAttribute("notice", "Company " + companyId + " deleted.");
		}
		catch (ApiException refused) {
			if (refused.code() != ErrorCode.COMPANY_NOT_EMPTY) {
				throw refused;
			}
			flash.addFlashAttribute("problems",
					List.of("Company " + companyId + " still owns domains: push them away before deleting it."));
		}
		return "redirect:/console/companies";
	}

}
