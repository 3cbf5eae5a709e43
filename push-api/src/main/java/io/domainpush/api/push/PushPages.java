package io.domainpush.api.push;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.console.PageLinks;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
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

	private final ApiLimits limits;

	PushPages(PushService pushes, PushQueries queries, Forms forms, ApiLimits limits) {
		this.pushes = pushes;
		this.queries = queries;
		this.forms = forms;
		this.limits = limits;
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
		if (forms.check(form, errors) & Forms.checkWhen(form.getWhen(), errors)) {
			PushService.Confirmation confirmation = pushes.confirmation(caller, form.getDomain(),
					Forms.companyId(form.getGainingCompanyId()));
			model.addAttribute("confirmation", confirmation);
			model.addAttribute("domain", confirmation.domain());
			model.addAttribute("problemCodes", confirmation.problems().stream().map(PushProblem::name).toList());
			model.addAttribute("heldUntil", confirmation.heldUntil());
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
		if (!forms.check(form, errors) | !Forms.checkWhen(form.getWhen(), errors)) {
			return Forms.again("console/push/confirm", response);
		}
		try {
			PushService.Submitted submitted = pushes.submit(caller, new PushRequests.SubmitPush(form.getDomain(),
					Forms.companyId(form.getGainingCompanyId()), form.getWhen().notBefore(), form.getWhen().at()),
					null);
			return "redirect:/console/pushes/" + submitted.push().pushId();
		}
		catch (ApiException refused) {
			if (refused.getStatusCode().value() == 404) {
				throw refused;
			}
			// something changed since the confirmation: a push queued meanwhile, a
			// permission withdrawn
			response.setStatus(refused.getStatusCode().value());
			if (refused.code() == ErrorCode.VALIDATION_FAILED) {
				// a planned time the API refused (in the past, too far ahead)
				errors.rejectValue("when.time", "refused", refused.getBody().getDetail());
				return "console/push/confirm";
			}
			model.addAttribute("problemCodes", List.of(refused.code().name()));
			Object heldUntil = refused.getBody().getProperties() == null ? null
					: refused.getBody().getProperties().get("held_until");
			model.addAttribute("heldUntil", heldUntil == null ? null : Instant.parse(heldUntil.toString()));
			return "console/push/confirm";
		}
	}

	@GetMapping("/console/pushes")
	String list(Caller caller, @RequestParam(defaultValue = "OUTGOING") PushRepository.Direction direction,
			@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before, Model model) {
		String wanted = status == null || status.isBlank() ? null : status;
		model.addAttribute("direction", direction);
		model.addAttribute("status", wanted);
		model.addAttribute("statuses", PushStatus.values());
		model.addAttribute("pageBase", PageLinks.base("/console/pushes", "direction", direction, "status", wanted));
		model.addAttribute("pushes",
				queries.list(caller, null, wanted, null, direction, PageRequest.of(page, null, after, before, limits)));
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

	/** Approve or decline, from the push's page or the Incoming page ({@code back}). */
	@PostMapping("/console/pushes/{pushId}/approve")
	String approve(Caller caller, @PathVariable UUID pushId, @RequestParam(required = false) String back,
			RedirectAttributes flash) {
		return decide(caller, pushId, true, back, flash);
	}

	@PostMapping("/console/pushes/{pushId}/decline")
	String decline(Caller caller, @PathVariable UUID pushId, @RequestParam(required = false) String back,
			RedirectAttributes flash) {
		return decide(caller, pushId, false, back, flash);
	}

	private String decide(Caller caller, UUID pushId, boolean approve, String back, RedirectAttributes flash) {
		try {
			PushView push = approve ? pushes.approve(caller, pushId) : pushes.decline(caller, pushId);
			flash.addFlashAttribute("notice", "The push of " + push.domain() + " was "
					+ (approve ? "approved: it is " + push.status().name().toLowerCase(Locale.ROOT) : "declined")
					+ ".");
		}
		catch (ApiException refused) {
			if (refused.code() != ErrorCode.PUSH_NOT_AWAITING_APPROVAL) {
				throw refused;
			}
			flash.addFlashAttribute("problems", List.of(refused.getBody().getDetail()));
		}
		return "incoming".equals(back) ? "redirect:/console/incoming" : "redirect:/console/pushes/" + pushId;
	}

	/** The gaining company's pushes awaiting its approval, newest first. */
	@GetMapping("/console/incoming")
	String incoming(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before, Model model) {
		String awaiting = PushStatus.AWAITING_APPROVAL.name();
		model.addAttribute("pageBase", PageLinks.base("/console/incoming"));
		model.addAttribute("pushes", queries.list(caller, null, awaiting, null, PushRepository.Direction.INCOMING,
				PageRequest.of(page, null, after, before, limits)));
		return "console/push/incoming";
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
