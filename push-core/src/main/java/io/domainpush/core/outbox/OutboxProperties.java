package io.domainpush.core.outbox;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param topics the topics whose outbox rows this service publishes; none = no relay runs
 * here
 * @param batchSize rows published per relay transaction
 * @param pollInterval how often the relay looks when nobody woke it (rows left by a
 * crashed peer)
 * @param sendTimeout how long the relay waits for the broker's acknowledgement of a batch
 */
@Validated
@ConfigurationProperties("push.outbox")
public record OutboxProperties(@DefaultValue List<String> topics, @DefaultValue("500") @Min(1) int batchSize,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("30s") Duration sendTimeout) {
}
