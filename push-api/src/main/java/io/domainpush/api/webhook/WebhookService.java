package io.domainpush.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.Keyset;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.webhook.HostResolver;
import io.domainpush.core.webhook.Webhook;
import io.domainpush.core.webhook.WebhookAddresses;
import io.domainpush.core.webhook.WebhookDelivery;
import io.domainpush.core.webhook.WebhookEvent;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;
import io.domainpush.core.webhook.Webhooks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A company's webhook endpoints: registered (URL checked against internal addresses, a
 * secret made and shown once), listed, deleted, their secret rotated, pinged, their
 * deliveries listed. The company's admins and the operator manage them; another company's
 * endpoint answers exactly like a missing one.
 */
@Service
public class WebhookService {

	/**
	 * An endpoint's deliveries, newest first, by key at any depth (a busy endpoint holds
	 * a month of them).
	 */
	static final Keyset NEWEST_FIRST = new Keyset(List.of("created_at", "delivery_id"), true,
			cursor -> List.of(cursor.time(0), cursor.uuid(1)));

	private final Webhooks webhooks;

	private final WebhookSecrets secrets;

	private final WebhookProperties properties;

	private final CompanyLookup companies;

	private final AuditLog audit;

	private final HostResolver resolver;

	private final TransactionTemplate transaction;

	WebhookService(Webhooks webhooks, WebhookSecrets secrets, WebhookProperties properties, CompanyLookup companies,
			AuditLog audit, HostResolver resolver, TransactionTemplate transaction) {
		this.webhooks = webhooks;
		this.resolver = resolver;
		this.transaction = transaction;
		this.secrets = secrets;
		this.properties = properties;
		this.companies = companies;
		this.audit = audit;
	}

	/**
	 * Registers an endpoint. Its host is resolved and checked before the transaction: a
	 * name whose DNS answers slowly holds neither the company's row nor a connection.
	 */
	public WebhookViews.WebhookView create(Caller caller, long companyId, String url, List<String> events) {
		transaction.executeWithoutResult(status -> companies.requireVisible(caller, companyId));
		requireOn();
		String checkedUrl = checkedUrl(url);
		return transaction.execute(status -> {
			companies.lock(companyId);
			if (webhooks.countOf(companyId) >= properties.maxPerCompany()) {
				throw new ApiException(ErrorCode.TOO_MANY_WEBHOOKS, "The company has " + properties.maxPerCompany()
						+ " webhooks, the most it may have: delete one first.");
			}
			String secret = WebhookSecrets.generate();
			Webhook webhook = webhooks.create(companyId, checkedUrl, List.copyOf(new java.util.LinkedHashSet<>(events)),
					secrets.seal(secret));
			audit.record(caller, companyId, "WEBHOOK_CREATED", "webhook " + webhook.webhookId(), null,
					Map.of("url", webhook.url(), "events", webhook.events()));
			return WebhookViews.WebhookView.of(webhook, secret);
		});
	}

	@Transactional(readOnly = true)
	public Page<WebhookViews.WebhookView> list(Caller caller, long companyId, PageRequest page) {
		companies.requireVisible(caller, companyId);
		return Page.of(webhooks.list(companyId, page.limit(), page.offset())
			.stream()
			.map(WebhookViews.WebhookView::of)
			.toList(), page);
	}

	@Transactional(readOnly = true)
	public WebhookViews.WebhookView get(Caller caller, long companyId, UUID webhookId) {
		return WebhookViews.WebhookView.of(visible(caller, companyId, webhookId));
	}

	@Transactional
	public void delete(Caller caller, long companyId, UUID webhookId) {
		Webhook webhook = visible(caller, companyId, webhookId);
		webhooks.delete(webhookId);
		audit.record(caller, companyId, "WEBHOOK_DELETED", "webhook " + webhookId,
				Map.of("url", webhook.url(), "events", webhook.events()), null);
	}

	/**
	 * A new secret, shown once; deliveries carry a signature with the previous one too
	 * for {@code push.webhooks.rotation-overlap}.
	 */
	@Transactional
	public WebhookViews.WebhookView rotateSecret(Caller caller, long companyId, UUID webhookId) {
		visible(caller, companyId, webhookId);
		requireOn();
		String secret = WebhookSecrets.generate();
		Webhook rotated = webhooks.rotate(webhookId, secrets.seal(secret));
		audit.record(caller, companyId, "WEBHOOK_SECRET_ROTATED", "webhook " + webhookId, null, null);
		return WebhookViews.WebhookView.of(rotated, secret);
	}

	@Transactional
	public WebhookViews.PingQueued ping(Caller caller, long companyId, UUID webhookId) {
		Webhook webhook = visible(caller, companyId, webhookId);
		requireOn();
		if (!webhook.enabled()) {
			throw new ApiException(ErrorCode.WEBHOOK_DISABLED,
					"The webhook is disabled (" + webhook.disabledReason() + "): register the endpoint again.");
		}
		return new WebhookViews.PingQueued(
				webhooks.enqueuePing(webhookId, WebhookEvent.ping(webhookId, companyId, Instant.now())));
	}

	@Transactional(readOnly = true)
	public Page<WebhookDelivery> deliveries(Caller caller, long companyId, UUID webhookId, PageRequest page) {
		visible(caller, companyId, webhookId);
		return deliveries(webhooks, webhookId, page);
	}

	/** A page of the endpoint's deliveries, whoever may see them. */
	static Page<WebhookDelivery> deliveries(Webhooks webhooks, UUID webhookId, PageRequest page) {
		return Page.of(NEWEST_FIRST.inOrder(webhooks.deliveries(webhookId, NEWEST_FIRST.clauses(page)), page), page,
				delivery -> Cursor.of(delivery.createdAt(), delivery.deliveryId()));
	}

	private Webhook visible(Caller caller, long companyId, UUID webhookId) {
		companies.requireVisible(caller, companyId);
		return webhooks.find(webhookId)
			.filter(w -> w.companyId() == companyId)
			.orElseThrow(() -> ApiException.notFound(ErrorCode.WEBHOOK_NOT_FOUND, "Webhook"));
	}

	private String checkedUrl(String url) {
		try {
			return WebhookAddresses.check(url, properties.allowPrivateNetworks(), resolver).toString();
		}
		catch (WebhookAddresses.Refused refused) {
			throw ApiException.unprocessable(ErrorCode.WEBHOOK_URL_REFUSED,
					"The webhook URL cannot be used: " + refused.getMessage() + ".");
		}
	}

	private void requireOn() {
		if (!secrets.enabled()) {
			throw new ApiException(ErrorCode.WEBHOOKS_OFF,
					"Webhooks are not configured on this platform (push.webhooks.secret-key is not set).");
		}
	}

}
