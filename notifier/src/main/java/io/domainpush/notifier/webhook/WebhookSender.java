package io.domainpush.notifier.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.HostResolver;
import io.domainpush.core.webhook.WebhookAddresses;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;

import org.springframework.stereotype.Component;

/**
 * One attempt of one delivery: the address checked again (after DNS resolution), the body
 * signed with the endpoint's secret(s) and the current time, POSTed. The whole attempt —
 * connecting, sending, the answer's headers and the first {@link #BODY_READ} bytes of its
 * body — ends within {@code push.webhooks.delivery-deadline}; the rest of an answer's
 * body is never read (an endpoint that sends headers and then falls silent holds nothing
 * past the deadline). Redirects are not followed: a 3xx is a failed attempt.
 */
@Component
class WebhookSender {

	/** Bytes of an answer's body read at most: enough to tell it ended. */
	static final int BODY_READ = 4096;

	private static final String USER_AGENT = "Domain-Push-Webhooks/1";

	private final HttpClient http;

	private final WebhookProperties properties;

	private final WebhookSecrets secrets;

	private final HostResolver resolver;

	WebhookSender(WebhookProperties properties, WebhookSecrets secrets, HostResolver resolver) {
		this.properties = properties;
		this.secrets = secrets;
		this.resolver = resolver;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	Attempt send(DueDelivery delivery) {
		URI target;
		try {
			target = WebhookAddresses.check(delivery.url(), properties.allowPrivateNetworks(), resolver);
		}
		catch (WebhookAddresses.Refused refused) {
			return Attempt.failed(null, "refused to deliver: " + refused.getMessage());
		}
		Duration deadline = properties.deliveryDeadline();
		CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request(delivery, target, deadline),
				info -> new FirstBytes());
		try {
			return answered(answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS).statusCode());
		}
		catch (TimeoutException ex) {
			return Attempt.failed(null, "no whole answer within " + deadline);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof HttpConnectTimeoutException) {
				return Attempt.failed(null, "could not connect within " + properties.connectTimeout());
			}
			return Attempt.failed(null, "connection failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Attempt.failed(null, "interrupted while delivering");
		}
		finally {
			// an exchange still going is aborted: its connection closed, nothing more
			// read
			answer.cancel(true);
		}
	}

	private HttpRequest request(DueDelivery delivery, URI target, Duration deadline) {
		List<String> signingSecrets = new ArrayList<>();
		signingSecrets.add(secrets.open(delivery.secret()));
		if (delivery.previousSecret() != null) {
			signingSecrets.add(secrets.open(delivery.previousSecret()));
		}
		long timestamp = Instant.now().getEpochSecond();
		return HttpRequest.newBuilder(target)
			.timeout(deadline)
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header("webhook-id", delivery.messageId())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature",
					WebhookSigner.signature(delivery.messageId(), timestamp, delivery.payload(), signingSecrets))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
			.build();
	}

	private static Attempt answered(int status) {
		if (status / 100 == 2) {
			return Attempt.sent(status);
		}
		String error = "the endpoint answered " + status;
		return status == 410 ? Attempt.refused(status, error) : Attempt.failed(status, error);
	}

	/**
	 * Reads an answer's body until it ends or {@link #BODY_READ} bytes came, whichever is
	 * first, and keeps none of it: the status is the answer.
	 */
	private static final class FirstBytes implements HttpResponse.BodySubscriber<Void> {

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private Flow.Subscription subscription;

		private long read;

		@Override
		public CompletionStage<Void> getBody() {
			return done;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(1);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				read += buffer.remaining();
			}
			if (read >= BODY_READ) {
				subscription.cancel();
				done.complete(null);
			}
			else {
				subscription.request(1);
			}
		}

		@Override
		public void onError(Throwable error) {
			done.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			done.complete(null);
		}

	}

}
