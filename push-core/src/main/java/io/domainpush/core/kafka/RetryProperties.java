package io.domainpush.core.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Back-off of a consumer between attempts at a record that failed for a transient reason.
 */
@ConfigurationProperties("push.kafka.retry")
public record RetryProperties(@DefaultValue("500ms") Duration initialBackOff,
		@DefaultValue("10s") Duration maxBackOff) {
}
