package io.domainpush.api.webhook;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.webhook.WebhookEventType;
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
 * The Webhooks page: a company's endpoints (registering one shows its secret once), a
 * test delivery, a new secret, removal; and each endpoint's deliveries. Operators pick
 * the company. Every action calls {@link WebhookService}, as the REST API does.
 */
@ConsoleController
class WebhookPages {

	/** Refusals shown on the form; any other is the console's error page (404 ...). */
	private static final java.util.Set<ErrorCode> FORM_PROBLEMS = java.util.EnumSet.of(ErrorCode.WEBHOOK_URL_REFUSED,
			ErrorCode.TOO_MANY_WEBHOOKS, ErrorCode.WEBHOOKS_OFF);

	private final WebhookService webhooks;

	private final Forms forms;

	private final ApiLimits limits;

	WebhookPages(WebhookService webhooks, Forms forms, ApiLimits limits) {
		this.webhooks = webhooks;
		this.forms = forms;
		this.limits = limits;
	}

	@GetMapping("/console/webhooks")
	String list(Caller caller, @RequestParam(required = false) Long company,
			@RequestParam(required = false) Integer page, Model model) {
		Long companyId = caller.isOperator() ? company : caller.companyId();
		model.addAttribute("company", companyId);
		model.addAttribute("eventTypes", WebhookEventType.subscribable());
		if (companyId != null) {
			model.addAttribute("webhooks",
					webhooks.list(caller, companyId, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		}
		if (!model.containsAttribute("newWebhook")) {
			model.addAttribute("newWebhook", new WebhookForm());
		}
		return "console/webhook/list";
	}

	@PostMapping("/console/webhooks")
	String create(Caller caller, @RequestParam(required = false) Long company,
			@ModelAttribute("newWebhook") WebhookForm form, BindingResult errors, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		long companyId = companyOf(caller, company);
		WebhookRequests.CreateWebhook request = new WebhookRequests.CreateWebhook(form.getUrl().strip(),
				form.getEvents());
		if (forms.check(request, errors)) {
			try {
				WebhookViews.WebhookView created = webhooks.create(caller, companyId, request.url(), request.events());
				flash.addFlashAttribute("notice", "Webhook registered.");
				flash.addFlashAttribute("secret", created.secret());
				flash.addFlashAttribute("secretFor", created.url());
				return redirect(caller, companyId);
			}
			catch (ApiException refused) {
				if (!FORM_PROBLEMS.contains(refused.code())) {
					throw refused;
				}
				if (refused.code() == ErrorCode.WEBHOOK_URL_REFUSED) {
					Forms.refused(refused, errors, "url");
				}
				else {
					Forms.refused(refused, errors);
				}
			}
		}
		return Forms.again(list(caller, companyId, null, model), response);
	}

	@PostMapping("/console/webhooks/{webhookId}/ping")
	String ping(Caller caller, @PathVariable UUID webhookId, @RequestParam(required = false) Long company,
			RedirectAttributes flash) {
		long companyId = companyOf(caller, company);
		try {
			WebhookViews.PingQueued ping = webhooks.ping(caller, companyId, webhookId);
			flash.addFlashAttribute("notice",
					"Test delivery queued (webhook-id " + ping.webhookMessageId() + "): see its deliveries.");
		}
		catch (ApiException refused) {
			if (refused.code() != ErrorCode.WEBHOOK_DISABLED) {
				throw refused;
			}
			flash.addFlashAttribute("problems", List.of(refused.getBody().getDetail()));
		}
		return redirect(caller, companyId);
	}

	@PostMapping("/console/webhooks/{webhookId}/rotate-secret")
	String rotate(Caller caller, @PathVariable UUID webhookId, @RequestParam(required = false) Long company,
			RedirectAttributes flash) {
		long companyId = companyOf(caller, company);
		WebhookViews.WebhookView rotated = webhooks.rotateSecret(caller, companyId, webhookId);
		flash.addFlashAttribute("notice", "New secret made. For 24 hours deliveries are signed with the old one too.");
		flash.addFlashAttribute("secret", rotated.secret());
		flash.addFlashAttribute("secretFor", rotated.url());
		return redirect(caller, companyId);
	}

	@PostMapping("/console/webhooks/{webhookId}/delete")
	String delete(Caller caller, @PathVariable UUID webhookId, @RequestParam(required = false) Long company,
			RedirectAttributes flash) {
		long companyId = companyOf(caller, company);
		webhooks.delete(caller, companyId, webhookId);
		flash.addFlashAttribute("notice", "Webhook removed: nothing more is sent to it.");
		return redirect(caller, companyId);
	}

	@GetMapping("/console/webhooks/{webhookId}")
	String deliveries(Caller caller, @PathVariable UUID webhookId, @RequestParam(required = false) Long company,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) String after,
			@RequestParam(required = false) String before, Model model) {
		long companyId = companyOf(caller, company);
		model.addAttribute("company", companyId);
		model.addAttribute("webhook", webhooks.get(caller, companyId, webhookId));
		model.addAttribute("deliveries", webhooks.deliveries(caller, companyId, webhookId,
				PageRequest.of(page, PageRequest.DEFAULT_SIZE, after, before, limits)));
		return "console/webhook/deliveries";
	}

	private static long companyOf(Caller caller, Long company) {
		if (!caller.isOperator()) {
			return caller.companyId();
		}
		if (company == null) {
			throw ApiException.invalid("Choose a company first.");
		}
		return company;
	}

	private static String redirect(Caller caller, long companyId) {
		return "redirect:/console/webhooks" + (caller.isOperator() ? "?company=" + companyId : "");
	}

}
