package io.domainpush.core.webhook;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.domainpush.core.delivery.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhooks ({@code push.webhooks.*}).
 *
 * @param secretKey the key (base64 of 32 random bytes; env
 * {@code PUSH_WEBHOOKS_SECRET_KEY}) that encrypts the endpoints' signing secrets at rest:
 * they must be readable to sign, so unlike passwords and tokens they cannot be stored as
 * hashes. Without it webhooks are off: registering one answers 503.
 * @param allowPrivateNetworks whether an endpoint may resolve to a loopback, private,
 * link-local or otherwise internal address (env
 * {@code PUSH_WEBHOOKS_ALLOW_PRIVATE_NETWORKS}); off in production, on in local mode and
 * tests
 * @param maxPerCompany endpoints a company may register
 * @param connectTimeout how long a delivery waits to connect
 * @param deliveryDeadline how long one delivery may take in all: connecting, sending, the
 * answer's headers and the first bytes of its body; an endpoint that has not answered
 * whole by then has failed this attempt
 * @param retryWindow how long a delivery is retried after the event (then FAILED)
 * @param initialBackOff the wait after the first failed attempt, doubled after each
 * @param maxBackOff the longest wait between attempts
 * @param pollInterval how often the dispatcher looks for deliveries due again
 * @param perEndpointBatch deliveries one endpoint gets in a row before the others' turn
 * @param concurrency endpoints delivered to at the same time by one notifier
 * @param perCompanyConcurrency endpoints of one company delivered to at the same time by
 * one notifier: less than {@code concurrency}, so one company's slow endpoints never hold
 * every thread
 * @param rotationOverlap how long after a rotation deliveries are also signed with the
 * previous secret, so receivers can switch without losing deliveries
 */
@Validated
@ConfigurationProperties("push.webhooks")
public record WebhookProperties(String secretKey, @DefaultValue("false") boolean allowPrivateNetworks,
		@DefaultValue("10") @Min(1) @Max(100) int maxPerCompany, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("10s") Duration deliveryDeadline, @DefaultValue("24h") Duration retryWindow,
		@DefaultValue("5s") Duration initialBackOff, @DefaultValue("1h") Duration maxBackOff,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("5") @Min(1) int perEndpointBatch,
		@DefaultValue("8") @Min(2) int concurrency, @DefaultValue("2") @Min(1) int perCompanyConcurrency,
		@DefaultValue("24h") Duration rotationOverlap) {

	/**
	 * The defaults without a secret key (webhooks off), for code that builds the queues
	 * without Spring (bench, tests).
	 */
	public static WebhookProperties defaults() {
		return new WebhookProperties(null, false, 10, Duration.ofSeconds(2), Duration.ofSeconds(10),
				Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(1), 5, 8, 2,
				Duration.ofHours(24));
	}

	/** The retry policy of every delivery. */
	public RetryPolicy retry() {
		return new RetryPolicy(retryWindow, initialBackOff, maxBackOff);
	}

	@AssertTrue(message = "push.webhooks.per-company-concurrency must be less than push.webhooks.concurrency")
	boolean isPerCompanyShareBelowTheWhole() {
		return perCompanyConcurrency < concurrency;
	}

}
