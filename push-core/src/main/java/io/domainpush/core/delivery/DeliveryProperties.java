package io.domainpush.core.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every kind of delivery (email, digest, webhook) shares ({@code push.delivery.*}).
 *
 * @param claimLease how long claimed deliveries are left to the process that claimed them
 * (env {@code PUSH_DELIVERY_CLAIM_LEASE}): one that dies mid-run leaves them to be
 * attempted again after this, under the same Message-ID or {@code webhook-id}. A run
 * starts no attempt that could outlast it, so it only needs to exceed three deadlines of
 * one attempt.
 * @param recordInterval how often a run records the outcomes of its attempts so far (and
 * at its end): what a crash can leave unrecorded, and so attempted again
 * @param pollBudget how long the Kafka listener itself attempts the deliveries of one
 * poll; the rest is given back to the background sweep, so a poll never comes near the
 * consumer's {@code max.poll.interval.ms}
 */
@Validated
@ConfigurationProperties("push.delivery")
public record DeliveryProperties(@DefaultValue("10m") Duration claimLease,
		@DefaultValue("250ms") Duration recordInterval, @DefaultValue("60s") Duration pollBudget) {

	/** The defaults, for code that builds the queues without Spring (bench, tests). */
	public static DeliveryProperties defaults() {
		return new DeliveryProperties(Duration.ofMinutes(10), Duration.ofMillis(250), Duration.ofSeconds(60));
	}

}
