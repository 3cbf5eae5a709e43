package io.domainpush.api.push;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.console.PageLinks;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.rules.PushProblem;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The article's step 3 in the console: "Push Domain" asks for a confirmation (the
 * precheck's problems in words, or the pop-up naming the domain, its users and the
 * gaining company, with the article's warning), "Push" submits, and the push's page
 * follows it live until it is done. Also the Pushes page (outgoing and incoming) and
 * cancelling.
 */
@ConsoleController
class PushPages {

	private final PushService pushes;

	private final PushQueries queries;

	private final Forms forms;

	PushPages(PushService pushes, PushQueries queries, Forms forms) {
		this.pushes = pushes;
		this.queries = queries;
		this.forms = forms;
	}

	/**
	 * From the domain page's push section: with htmx the answer is a fragment placed in
	 * that section, under the field (the pop-up opens itself); without, a page.
	 */
	@PostMapping("/console/pushes/confirm")
	String confirm(Caller caller, @ModelAttribute("pushForm") PushForm form, BindingResult errors,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			HttpServletResponse response) {
		model.addAttribute("domain", form.getDomain());
		if (forms.check(form, errors)) {
			PushService.Confirmation confirmation = pushes.confirmation(caller, form.getDomain(),
					Forms.companyId(form.getGainingCompanyId()));
			model.addAttribute("confirmation", confirmation);
			model.addAttribute("domain", confirmation.domain());
			model.addAttribute("problemCodes", confirmation.problems().stream().map(PushProblem::name).toList());
		}
		else if (htmx == null) {
			response.setStatus(Forms.UNPROCESSABLE);
		}
		return htmx != null ? "console/push/confirm :: answer" : "console/push/confirm";
	}

	/** The pop-up's "Push". */
	@PostMapping("/console/pushes")
	String submit(Caller caller, @ModelAttribute("pushForm") PushForm form, BindingResult errors, Model model,
			HttpServletResponse response) {
		model.addAttribute("domain", form.getDomain());
		if (!forms.check(form, errors)) {
			return Forms.again("console/push/confirm", response);
		}
		try {
			PushService.Submitted submitted = pushes.submit(caller,
					new PushRequests.SubmitPush(form.getDomain(), Forms.companyId(form.getGainingCompanyId())), null);
			return "redirect:/console/pushes/" + submitted.push().pushId();
		}
		catch (ApiException refused) {
			if (refused.getStatusCode().value() == 404) {
				throw refused;
			}
			// something changed since the confirmation: a push queued meanwhile, a
			// permission withdrawn
			response.setStatus(refused.getStatusCode().value());
			model.addAttribute("problemCodes", List.of(refused.code().name()));
			return "console/push/confirm";
		}
	}

	@GetMapping("/console/pushes")
	String list(Caller caller, @RequestParam(defaultValue = "OUTGOING") PushRepository.Direction direction,
			@RequestParam(required = false) String status, @RequestParam(required = false) Integer page, Model model) {
		String wanted = status == null || status.isBlank() ? null : status;
		model.addAttribute("direction", direction);
		model.addAttribute("status", wanted);
		model.addAttribute("statuses", PushStatus.values());
		model.addAttribute("pageBase", PageLinks.base("/console/pushes", "direction", direction, "status", wanted));
		model.addAttribute("pushes", queries.list(caller, null, wanted, null, direction, page, 50));
		return "console/push/list";
	}

	@GetMapping("/console/pushes/{pushId}")
	String detail(Caller caller, @PathVariable UUID pushId, Model model) {
		showPush(caller, pushId, model);
		return "console/push/detail";
	}

	/**
	 * The live part of the push's page, asked for again every second until the push is
	 * done.
	 */
	@GetMapping("/console/pushes/{pushId}/live")
	String live(Caller caller, @PathVariable UUID pushId, Model model) {
		showPush(caller, pushId, model);
		return "console/push/detail :: live";
	}

	@PostMapping("/console/pushes/{pushId}/cancel")
	String cancel(Caller caller, @PathVariable UUID pushId, RedirectAttributes flash) {
		try {
			PushView cancelled = pushes.cancel(caller, pushId);
			flash.addFlashAttribute("notice", "The push of " + cancelled.domain() + " was cancelled.");
		}
		catch (ApiException refused) {
			if (refused.code() != ErrorCode.PUSH_NOT_CANCELLABLE) {
				throw refused;
			}
			flash.addFlashAttribute("problems", List.of("It is too late to cancel: " + refused.getBody().getDetail()));
		}
		return "redirect:/console/pushes/" + pushId;
	}

	/** The push, and once it completed, what it moved. */
	private void showPush(Caller caller, UUID pushId, Model model) {
		PushView push = pushes.get(caller, pushId);
		model.addAttribute("push", push);
		model.addAttribute("report", push.status() == PushStatus.COMPLETED ? pushes.report(caller, pushId) : null);
	}

}
