package io.domainpush.api.push;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pushes that wait (DESIGN §5): for the gaining company's approval, or for their time.
 *
 * @param approvalExpiresAfter how long a push awaits approval before it expires
 * @param scheduleMaxAhead how far ahead a push may be planned
 * @param scheduleGrace how far in the past a planned time may lie (a clock a little
 * behind, a form sent slowly) and still mean "now"; further back it is refused
 * @param dueInterval how often push-api looks for pushes whose time came or whose
 * approval expired: a planned push goes ahead within about this of its time
 * @param dueBatchSize pushes moved per statement (the rest follow at once)
 */
@Validated
@ConfigurationProperties("push.api.waiting")
public record WaitingProperties(@DefaultValue("10d") Duration approvalExpiresAfter,
		@DefaultValue("400d") Duration scheduleMaxAhead, @DefaultValue("5m") Duration scheduleGrace,
		@DefaultValue("500ms") Duration dueInterval, @DefaultValue("1000") @Min(1) int dueBatchSize) {
}
