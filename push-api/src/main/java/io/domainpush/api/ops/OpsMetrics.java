package io.domainpush.api.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.domainpush.core.kafka.ConsumerLag;
import io.domainpush.core.kafka.ConsumerLagReader;
import io.domainpush.core.push.Pushes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Exports what operators watch: consumer lag per group, topic and partition (records and
 * seconds), refreshed on a schedule so a scrape never waits on the broker; and queued
 * pushes, in and out of batches.
 */
@Component
class OpsMetrics {

	private static final Logger log = LoggerFactory.getLogger(OpsMetrics.class);

	private final ConsumerLagReader reader;

	private final MultiGauge lagRecords;

	private final MultiGauge lagSeconds;

	private final MultiGauge groupLagRecords;

	private final MultiGauge groupLagSeconds;

	private final MultiGauge groupMembers;

	private final MultiGauge deadLetters;

	OpsMetrics(ConsumerLagReader reader, MeterRegistry registry, Pushes pushes, TaskScheduler scheduler,
			OpsProperties properties) {
		this.reader = reader;
		this.lagRecords = MultiGauge.builder("push.consumer.lag.records")
			.description("Records of the topic not yet committed by the consumer group")
			.register(registry);
		this.lagSeconds = MultiGauge.builder("push.consumer.lag.seconds")
			.description("Age of the oldest record the consumer group has not committed")
			.register(registry);
		this.groupLagRecords = MultiGauge.builder("push.consumer.group.lag.records")
			.description("Total lag of the consumer group over all partitions")
			.register(registry);
		this.groupLagSeconds = MultiGauge.builder("push.consumer.group.lag.seconds")
			.description("Age of the group's oldest unconsumed record")
			.register(registry);
		this.groupMembers = MultiGauge.builder("push.consumer.group.members")
			.description("Live members of the consumer group")
			.register(registry);
		this.deadLetters = MultiGauge.builder("push.dead.letter.records")
			.description("Records held by a dead-letter topic: each one needs an operator's look")
			.register(registry);
		Gauge.builder("push.pushes.pending", pushes, p -> p.countQueued().pushes())
			.description("Pushes accepted and not yet applied")
			.register(registry);
		Gauge.builder("push.batches.pending.pushes", pushes, p -> p.countQueued().inBatches())
			.description("Pushes of bulk migrations not yet applied")
			.register(registry);
		Gauge.builder("push.batches.unfinished", pushes, p -> p.countQueued().batches())
			.description("Bulk migrations with pushes still queued")
			.register(registry);
		scheduler.scheduleWithFixedDelay(this::refresh, Instant.now().plus(properties.lagInitialDelay()),
				properties.lagRefresh());
	}

	void refresh() {
		ConsumerLag lag;
		try {
			lag = reader.read();
			deadLetters.register(reader.deadLetters()
				.entrySet()
				.stream().<MultiGauge
						.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("topic", e.getKey()), e.getValue()))
				.toList(), true);
		}
		catch (RuntimeException ex) {
			log.warn("Consumer lag not measured: {}", ex.getMessage());
			return;
		}
		List<MultiGauge.Row<?>> records = new ArrayList<>();
		List<MultiGauge.Row<?>> seconds = new ArrayList<>();
		List<MultiGauge.Row<?>> groupRecords = new ArrayList<>();
		List<MultiGauge.Row<?>> groupSeconds = new ArrayList<>();
		List<MultiGauge.Row<?>> members = new ArrayList<>();
		for (ConsumerLag.GroupLag group : lag.groups()) {
			Tags groupTags = Tags.of("group", group.group(), "topic", group.topic());
			groupRecords.add(MultiGauge.Row.of(groupTags, group.totalLag()));
			groupSeconds.add(MultiGauge.Row.of(groupTags, group.maxLagSeconds()));
			members.add(MultiGauge.Row.of(groupTags, group.members()));
			for (ConsumerLag.PartitionLag partition : group.partitions()) {
				Tags tags = groupTags.and("partition", String.valueOf(partition.partition()));
				records.add(MultiGauge.Row.of(tags, partition.lag()));
				seconds.add(MultiGauge.Row.of(tags, partition.lagSeconds()));
			}
		}
		lagRecords.register(records, true);
		lagSeconds.register(seconds, true);
		groupLagRecords.register(groupRecords, true);
		groupLagSeconds.register(groupSeconds, true);
		groupMembers.register(members, true);
	}

}
