package io.domainpush.notifier.mail;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param from the sender address of notification emails
 * @param sendBatchSize notifications claimed and sent over one SMTP connection at a time
 * @param claimLease how long a claimed notification is left to its sender: if the sender
 * dies before recording the outcome, the notification is attempted again after this (with
 * the same Message-ID); it must exceed the time to send one batch
 * @param retry when transient failures are attempted again, and for how long
 */
@Validated
@ConfigurationProperties("push.notifier")
public record NotifierProperties(@DefaultValue("domain-push@notifications.invalid") String from,
		@DefaultValue("200") @Min(1) int sendBatchSize, @DefaultValue("10m") Duration claimLease,
		@DefaultValue @Valid @NestedConfigurationProperty Retry retry) {

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

		/** The wait after {@code attempts} failed attempts. */
		Duration backOffAfter(int attempts) {
			Duration wait = initialBackOff;
			for (int i = 1; i < attempts && wait.compareTo(maxBackOff) < 0; i++) {
				wait = wait.multipliedBy(2);
			}
			return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
		}

	}

}
