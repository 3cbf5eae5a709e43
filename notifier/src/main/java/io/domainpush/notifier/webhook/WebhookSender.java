package io.domainpush.notifier.webhook;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.domainpush.core.tracing.Traces;
import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.HostResolver;
import io.domainpush.core.webhook.WebhookAddresses;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One attempt of one delivery: the address checked again and the name resolved once (the
 * connection goes to the checked address: {@link PinnedPost}), the body signed with the
 * endpoint's secret(s) and the current time, POSTed. The whole attempt ends within
 * {@code push.webhooks.delivery-deadline}; the answer's body is never read (an endpoint
 * that sends headers and then falls silent holds nothing past its headers). Redirects are
 * not followed: a 3xx is a failed attempt.
 */
@Component
class WebhookSender implements DisposableBean {

	private static final String USER_AGENT = "Domain-Push-Webhooks/1";

	private final WebhookProperties properties;

	private final WebhookSecrets secrets;

	private final HostResolver resolver;

	private final ScheduledThreadPoolExecutor timer;

	private final Traces traces;

	WebhookSender(WebhookProperties properties, WebhookSecrets secrets, HostResolver resolver, Traces traces) {
		this.properties = properties;
		this.traces = traces;
		this.secrets = secrets;
		this.resolver = resolver;
		this.timer = new ScheduledThreadPoolExecutor(1, task -> {
			Thread thread = new Thread(task, "webhook-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

	Attempt send(DueDelivery delivery) {
		WebhookAddresses.Target target;
		try {
			target = WebhookAddresses.target(delivery.url(), properties.allowPrivateNetworks(), resolver);
		}
		catch (WebhookAddresses.Refused refused) {
			return Attempt.failed(null, "refused to deliver: " + refused.getMessage());
		}
		try {
			return answered(
					PinnedPost.send(target, headers(delivery), delivery.payload().getBytes(StandardCharsets.UTF_8),
							properties.connectTimeout(), properties.deliveryDeadline(), timer));
		}
		catch (SocketTimeoutException ex) {
			return Attempt.failed(null, "no whole answer within " + properties.deliveryDeadline());
		}
		catch (IOException ex) {
			return Attempt.failed(null, "connection failed: " + ex);
		}
	}

	private Map<String, String> headers(DueDelivery delivery) {
		List<String> signingSecrets = new ArrayList<>();
		signingSecrets.add(secrets.open(delivery.secret()));
		if (delivery.previousSecret() != null) {
			signingSecrets.add(secrets.open(delivery.previousSecret()));
		}
		long timestamp = Instant.now().getEpochSecond();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("User-Agent", USER_AGENT);
		headers.put("webhook-id", delivery.messageId());
		headers.put("webhook-timestamp", Long.toString(timestamp));
		headers.put("webhook-signature",
				WebhookSigner.signature(delivery.messageId(), timestamp, delivery.payload(), signingSecrets));
		// the delivery's span: a receiver that traces continues the push's trace
		String traceParent = traces.current();
		if (traceParent != null) {
			headers.put(Traces.TRACEPARENT, traceParent);
		}
		return headers;
	}

	private static Attempt answered(int status) {
		if (status / 100 == 2) {
			return Attempt.sent(status);
		}
		String error = "the endpoint answered " + status;
		return status == 410 ? Attempt.refused(status, error) : Attempt.failed(status, error);
	}

}
