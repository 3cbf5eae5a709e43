package io.domainpush.api.webhook;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.webhook.WebhookDelivery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/companies/{companyId}/webhooks")
class WebhookController {

	private final WebhookService webhooks;

	private final ApiLimits limits;

	WebhookController(WebhookService webhooks, ApiLimits limits) {
		this.webhooks = webhooks;
		this.limits = limits;
	}

	@PostMapping
	ResponseEntity<WebhookViews.WebhookView> create(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody WebhookRequests.CreateWebhook request) {
		WebhookViews.WebhookView created = webhooks.create(caller, companyId, request.url(), request.events());
		return ResponseEntity.created(URI.create("/api/v1/companies/" + companyId + "/webhooks/" + created.webhookId()))
			.body(created);
	}

	@GetMapping
	Page<WebhookViews.WebhookView> list(Caller caller, @PathVariable long companyId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return webhooks.list(caller, companyId, PageRequest.of(page, size, limits));
	}

	@GetMapping("/{webhookId}")
	WebhookViews.WebhookView get(Caller caller, @PathVariable long companyId, @PathVariable UUID webhookId) {
		return webhooks.get(caller, companyId, webhookId);
	}

	@DeleteMapping("/{webhookId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Caller caller, @PathVariable long companyId, @PathVariable UUID webhookId) {
		webhooks.delete(caller, companyId, webhookId);
	}

	@PostMapping("/{webhookId}/rotate-secret")
	WebhookViews.WebhookView rotateSecret(Caller caller, @PathVariable long companyId, @PathVariable UUID webhookId) {
		return webhooks.rotateSecret(caller, companyId, webhookId);
	}

	@PostMapping("/{webhookId}/ping")
	@ResponseStatus(HttpStatus.ACCEPTED)
	WebhookViews.PingQueued ping(Caller caller, @PathVariable long companyId, @PathVariable UUID webhookId) {
		return webhooks.ping(caller, companyId, webhookId);
	}

	@GetMapping("/{webhookId}/deliveries")
	Page<WebhookDelivery> deliveries(Caller caller, @PathVariable long companyId, @PathVariable UUID webhookId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before) {
		return webhooks.deliveries(caller, companyId, webhookId, PageRequest.of(page, size, after, before, limits));
	}

}
