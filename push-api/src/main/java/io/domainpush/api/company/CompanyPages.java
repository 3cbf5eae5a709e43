package io.domainpush.api.company;

import java.util.ArrayList;
import java.util.List;

import io.domainpush.api.console.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
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

	CompanyPages(CompanyService companies, Forms forms, ApiLimits limits) {
		this.companies = companies;
		this.forms = forms;
		this.limits = limits;
	}

	@GetMapping("/console/companies/{companyId}")
	String settings(Caller caller, @PathVariable long companyId, Model model) {
		CompanyView company = companies.get(caller, companyId);
		model.addAttribute("company", company);
		model.addAttribute("allowed", companies.allowedCompanies(caller, companyId));
		if (!model.containsAttribute("allowedText")) {
			model.addAttribute("allowedText",
					String.join(", ", company.domainPush().allowedCompanies().stream().map(String::valueOf).toList()));
			model.addAttribute("email", company.domainPush().notificationEmail());
			model.addAttribute("notifyOut", company.domainPush().notifyWhenPushedOut());
			model.addAttribute("mode", company.domainPush().notificationMode());
		}
		return "console/company/settings";
	}

	/**
	 * The article's step 2: the gaining company lists the companies allowed to push to
	 * it.
	 */
	@PostMapping("/console/companies/{companyId}/domain-push")
	String updateDomainPush(Caller caller, @PathVariable long companyId,
			@RequestParam(name = "allowed_companies", defaultValue = "") String allowedText,
			@RequestParam(name = "notification_email", defaultValue = "") String email,
			@RequestParam(name = "notify_when_pushed_out", defaultValue = "false") boolean notifyWhenPushedOut,
			@RequestParam(name = "notification_mode", defaultValue = "per_domain") String mode, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		List<String> problems = new ArrayList<>();
		List<Long> allowed = companyIds(allowedText, problems);
		CompanyRequests.DomainPushSettings request = new CompanyRequests.DomainPushSettings(allowed,
				Forms.valueOrNull(email), notifyWhenPushedOut, mode);
		problems.addAll(forms.problems(request));
		if (problems.isEmpty()) {
			try {
				companies.updateDomainPush(caller, companyId, request);
				flash.addFlashAttribute("notice", "Domain Push settings updated.");
				return "redirect:/console/companies/" + companyId + "#domain-push";
			}
			catch (ApiException refused) {
				problems.add(refusal(refused));
			}
		}
		response.setStatus(422);
		model.addAttribute("problems", problems);
		model.addAttribute("allowedText", allowedText);
		model.addAttribute("email", email);
		model.addAttribute("notifyOut", notifyWhenPushedOut);
		model.addAttribute("mode", mode);
		return settings(caller, companyId, model);
	}

	@GetMapping("/console/companies")
	String list(Caller caller, @RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("companies", companies.list(caller, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		return "console/company/list";
	}

	@PostMapping("/console/companies")
	String create(Caller caller, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String cluster, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		CompanyRequests.CreateCompany request = new CompanyRequests.CreateCompany(name.strip(), cluster.strip(), null,
				null);
		List<String> problems = new ArrayList<>(forms.problems(request));
		if (problems.isEmpty()) {
			CompanyView created = companies.create(caller, request);
			flash.addFlashAttribute("notice",
					"Company " + created.name() + " created with company_id " + created.companyId() + ".");
			return "redirect:/console/companies";
		}
		response.setStatus(422);
		model.addAttribute("problems", problems);
		model.addAttribute("name", name);
		model.addAttribute("cluster", cluster);
		return list(caller, null, model);
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

	/**
	 * Company IDs as the article's single field takes them: separated by commas or
	 * spaces.
	 */
	static List<Long> companyIds(String text, List<String> problems) {
		List<Long> ids = new ArrayList<>();
		for (String part : text.split("[\\s,;]+")) {
			if (part.isEmpty()) {
				continue;
			}
			if (!part.matches("[1-9][0-9]{0,17}")) {
				problems.add("\"" + part + "\" is not a company ID: IDs are numbers such as 1001.");
			}
			else if (!ids.contains(Long.parseLong(part))) {
				ids.add(Long.parseLong(part));
			}
		}
		return ids;
	}

	private static String refusal(ApiException refused) {
		Object missing = refused.getBody().getProperties() == null ? null
				: refused.getBody().getProperties().get("companies");
		if (refused.code() == ErrorCode.COMPANY_NOT_FOUND && missing instanceof List<?> ids) {
			return "No company has the ID " + String.join(", ", ids.stream().map(String::valueOf).toList())
					+ ": check the IDs the losing resellers gave you.";
		}
		if (refused.code() == ErrorCode.COMPANY_NOT_FOUND) {
			throw refused;
		}
		return refused.getBody().getDetail();
	}

}
