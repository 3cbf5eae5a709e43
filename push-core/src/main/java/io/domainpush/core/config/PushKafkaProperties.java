package io.domainpush.core.config;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic layout. Partitions bound how many workers or notifiers can share a group; the key
 * is the domain name, so pushes of one domain stay ordered on one partition.
 */
@Validated
@ConfigurationProperties("push.kafka")
public record PushKafkaProperties(@DefaultValue("12") @Min(1) int partitions,
		@DefaultValue("1") @Min(1) short replicas) {
}
