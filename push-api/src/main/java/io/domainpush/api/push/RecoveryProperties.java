package io.domainpush.api.push;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Recovery of pushes whose request record was lost (the requests topic deleted or a
 * broker's data gone, e.g. after {@code docker compose down} without a Kafka volume): an
 * ACCEPTED push whose request was handed to the outbox longer than {@code after} ago, and
 * is not waiting in the outbox, is requested again. A second copy of a request that was
 * not lost is harmless: the worker applies a push once.
 *
 * @param after how old a push's last request must be; longer than any expected queue of
 * requests
 * @param interval how often push-api looks
 * @param batchSize pushes requested again per look (the rest follow at the next look)
 */
@Validated
@ConfigurationProperties("push.api.recovery")
record RecoveryProperties(@DefaultValue("10m") Duration after, @DefaultValue("1m") Duration interval,
		@DefaultValue("1000") @Min(1) int batchSize) {
}
