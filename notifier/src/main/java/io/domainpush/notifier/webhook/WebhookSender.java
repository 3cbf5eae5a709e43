package io.domainpush.notifier.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.WebhookAddresses;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;

import org.springframework.stereotype.Component;

/**
 * One attempt of one delivery: the address checked again (after DNS resolution), the body
 * signed with the endpoint's secret(s) and the current time, POSTed with connect and read
 * timeouts; redirects are not followed (a 3xx is a failed attempt), and nothing of the
 * answer but its status is read.
 */
@Component
class WebhookSender {

	private static final String USER_AGENT = "Domain-Push-Webhooks/1";

	private final HttpClient http;

	private final WebhookProperties properties;

	private final WebhookSecrets secrets;

	WebhookSender(WebhookProperties properties, WebhookSecrets secrets) {
		this.properties = properties;
		this.secrets = secrets;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	Attempt send(DueDelivery delivery) {
		URI target;
		try {
			target = WebhookAddresses.check(delivery.url(), properties.allowPrivateNetworks());
		}
		catch (WebhookAddresses.Refused refused) {
			return Attempt.noAnswer("refused to deliver: " + refused.getMessage());
		}
		List<String> signingSecrets = new ArrayList<>();
		signingSecrets.add(secrets.open(delivery.secret()));
		if (delivery.previousSecret() != null) {
			signingSecrets.add(secrets.open(delivery.previousSecret()));
		}
		long timestamp = Instant.now().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(target)
			.timeout(properties.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header("webhook-id", delivery.messageId())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature",
					WebhookSigner.signature(delivery.messageId(), timestamp, delivery.payload(), signingSecrets))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
			.build();
		try {
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			return Attempt.answered(response.statusCode());
		}
		catch (HttpConnectTimeoutException ex) {
			return Attempt.noAnswer("could not connect within " + properties.connectTimeout());
		}
		catch (HttpTimeoutException ex) {
			return Attempt.noAnswer("no answer within " + properties.readTimeout());
		}
		catch (IOException ex) {
			return Attempt.noAnswer("connection failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Attempt.noAnswer("interrupted while delivering");
		}
	}

	/**
	 * @param statusCode null when no answer came
	 */
	record Attempt(Integer statusCode, String error) {

		static Attempt answered(int statusCode) {
			return new Attempt(statusCode, statusCode / 100 == 2 ? null : "the endpoint answered " + statusCode);
		}

		static Attempt noAnswer(String error) {
			return new Attempt(null, error);
		}

		boolean delivered() {
			return statusCode != null && statusCode / 100 == 2;
		}

		boolean gone() {
			return statusCode != null && statusCode == 410;
		}

	}

}
