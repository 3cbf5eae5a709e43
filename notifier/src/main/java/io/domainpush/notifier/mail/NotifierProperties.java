package io.domainpush.notifier.mail;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import io.domainpush.core.delivery.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param from the sender address of notification emails
 * @param sendBatchSize notifications claimed and sent over one SMTP connection at a time
 * @param sendDeadline how long one email may take in all, connecting included; an email
 * the server has not accepted by then has failed this attempt
 * @param retry when transient failures are attempted again, and for how long
 * @param digest how large a digest's attachment may be
 * @param consoleBaseUrl where people reach the console (env
 * {@code PUSH_NOTIFIER_CONSOLE_BASE_URL}, e.g. {@code https://push.example.com}): the
 * links of invitations and digests begin with it
 */
@Validated
@ConfigurationProperties("push.notifier")
public record NotifierProperties(@DefaultValue("domain-push@notifications.invalid") String from,
		@DefaultValue("200") @Min(1) int sendBatchSize, @DefaultValue("30s") Duration sendDeadline,
		@DefaultValue @Valid @NestedConfigurationProperty Retry retry,
		@DefaultValue @Valid @NestedConfigurationProperty Digest digest,
		@DefaultValue("http://127.0.0.1:8080") String consoleBaseUrl) {

	/** {@code path} under the console's base URL. */
	String link(String path) {
		return consoleBaseUrl.replaceAll("/+$", "") + path;
	}

	/**
	 * Like an MTA's queue: a notification that met a transient failure (4xx reply,
	 * connection refused or lost, timeout) stays PENDING and is attempted again with
	 * exponential back-off, until {@code window} has passed since it was queued; then it
	 * is FAILED. A 5xx reply fails it at once.
	 *
	 * @param window how long transient failures are retried
	 * @param initialBackOff wait after the first failed attempt; doubles with each
	 * attempt
	 * @param maxBackOff longest wait between attempts
	 * @param pollInterval how often the notifier looks for notifications due again
	 * @param orphanAge a PENDING notification whose event has not arrived after this long
	 * is sent anyway (the event was lost or dead-lettered)
	 */
	public record Retry(@DefaultValue("24h") Duration window, @DefaultValue("30s") Duration initialBackOff,
			@DefaultValue("15m") Duration maxBackOff, @DefaultValue("5s") Duration pollInterval,
			@DefaultValue("10m") Duration orphanAge) {

		RetryPolicy policy() {
			return new RetryPolicy(window, initialBackOff, maxBackOff);
		}

	}

	/**
	 * A digest lists its first domains in its body and attaches the whole list, zipped.
	 *
	 * @param maxAttachmentBytes the largest zipped list attached; a larger one is left
	 * out and the email says where the batch's results are read instead
	 */
	public record Digest(@DefaultValue("2000000") @Min(0) int maxAttachmentBytes) {
	}

}
