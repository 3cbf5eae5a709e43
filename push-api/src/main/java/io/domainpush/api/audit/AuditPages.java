package io.domainpush.api.audit;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Audit page: the company's trail (every entry for the operator), newest first, 50 a
 * page.
 */
@ConsoleController
class AuditPages {

	private final AuditTrail trail;

	private final ApiLimits limits;

	AuditPages(AuditTrail trail, ApiLimits limits) {
		this.trail = trail;
		this.limits = limits;
	}

	@GetMapping("/console/audit")
	String list(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before, Model model) {
		PageRequest request = PageRequest.of(page, PageRequest.DEFAULT_SIZE, after, before, limits);
		model.addAttribute("entries", caller.isOperator() ? trail.all(caller, request)
				: trail.ofCompany(caller, caller.companyId(), request));
		return "console/audit/list";
	}

}
