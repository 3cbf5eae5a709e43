package io.domainpush.core.kafka;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic layout. Partitions bound how many workers or notifiers can share a group; the key
 * is the domain name, so pushes of one domain stay ordered on one partition. On a
 * cluster: {@code replicas} 3 and {@code min-insync-replicas} 2, so that a write the
 * producers ({@code acks=all}) saw acknowledged survives the loss of any one broker, and
 * writes stall rather than go to a single copy when two are down. Applied when the
 * services create the topics; existing topics keep theirs.
 */
@Validated
@ConfigurationProperties("push.kafka")
public record PushKafkaProperties(@DefaultValue("12") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicas,
		@DefaultValue("1") @Min(1) int minInsyncReplicas) {
}
