package io.domainpush.core.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.domainpush.core.events.Topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures consumer lag the way {@code kafka-consumer-groups --describe} does: committed
 * offsets from the group coordinator, end offsets from the partition leaders, both
 * through the admin client, so it works while a group has no live member. Lag in seconds
 * is the age of the oldest unconsumed record, read with a short-lived consumer that
 * belongs to no group.
 */
public class ConsumerLagReader {

	/** The system's consumer groups and the topic each consumes. */
	public static final Map<String, String> GROUPS = Map.of(Topics.WORKER_GROUP, Topics.REQUESTS, Topics.NOTIFIER_GROUP,
			Topics.EVENTS, Topics.WEBHOOK_GROUP, Topics.EVENTS);

	/** Closing a client never waits longer than this for requests still in flight. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

	private final Map<String, Object> adminProperties;

	private final Map<String, Object> consumerProperties;

	private final Clock clock;

	private final Duration timeout;

	/**
	 * @param timeout what one measurement may take in all: with the broker down,
	 * {@link #read()} and {@link #deadLetters()} fail after about this long instead of
	 * the clients' defaults (a minute)
	 */
	public ConsumerLagReader(Map<String, Object> adminProperties, Map<String, Object> consumerProperties, Clock clock,
			Duration timeout) {
		this.timeout = timeout;
		this.adminProperties = new HashMap<>(adminProperties);
		this.adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.consumerProperties = new HashMap<>(consumerProperties);
		this.consumerProperties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
		this.consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "consumer-lag-reader");
		this.clock = clock;
	}

	public ConsumerLag read() {
		Deadline deadline = new Deadline(timeout);
		Admin admin = Admin.create(adminProperties);
		try {
			List<ConsumerLag.GroupLag> groups = new ArrayList<>();
			Map<String, ConsumerGroupDescription> descriptions = deadline
				.await(admin.describeConsumerGroups(GROUPS.keySet()).all());
			for (Map.Entry<String, String> entry : new java.util.TreeMap<>(GROUPS).entrySet()) {
				groups.add(group(admin, deadline, entry.getKey(), entry.getValue(), descriptions.get(entry.getKey())));
			}
			return new ConsumerLag(clock.instant(), groups);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading consumer lag", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("cannot read consumer lag from the broker: " + ex.getMessage(), ex);
		}
		finally {
			admin.close(CLOSE_TIMEOUT);
		}
	}

	/**
	 * Records held by each dead-letter topic (end offset minus start offset over its
	 * partitions).
	 */
	public Map<String, Long> deadLetters() {
		Deadline deadline = new Deadline(timeout);
		Admin admin = Admin.create(adminProperties);
		try {
			Map<String, Long> counts = new java.util.TreeMap<>();
			for (String topic : List.of(Topics.REQUESTS_DLT, Topics.EVENTS_DLT)) {
				List<TopicPartition> partitions = partitions(admin, deadline, topic);
				Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, deadline, partitions,
						OffsetSpec.latest());
				Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, deadline, partitions,
						OffsetSpec.earliest());
				counts.put(topic,
						partitions.stream().mapToLong(p -> ends.get(p).offset() - starts.get(p).offset()).sum());
			}
			return counts;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading dead-letter topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("cannot read dead-letter topics: " + ex.getMessage(), ex);
		}
		finally {
			admin.close(CLOSE_TIMEOUT);
		}
	}

	private ConsumerLag.GroupLag group(Admin admin, Deadline deadline, String group, String topic,
			ConsumerGroupDescription description) throws InterruptedException, ExecutionException, TimeoutException {
		List<TopicPartition> partitions = partitions(admin, deadline, topic);
		Map<TopicPartition, OffsetAndMetadata> committed = deadline
			.await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
		Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, deadline, partitions, OffsetSpec.latest());
		Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, deadline, partitions, OffsetSpec.earliest());
		Map<TopicPartition, Long> positions = new LinkedHashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			// a group that never committed here starts from the beginning
			// (auto.offset.reset=earliest)
			positions.put(partition, offset != null ? offset.offset() : starts.get(partition).offset());
		}
		Map<TopicPartition, Long> oldest = oldestUnconsumedTimestamps(deadline, positions, ends);
		long now = clock.millis();
		List<ConsumerLag.PartitionLag> rows = new ArrayList<>();
		long total = 0;
		double maxSeconds = 0;
		for (TopicPartition partition : partitions) {
			long end = ends.get(partition).offset();
			long lag = Math.max(0, end - positions.get(partition));
			Long timestamp = oldest.get(partition);
			double seconds = lag == 0 || timestamp == null ? 0 : Math.max(0, (now - timestamp) / 1000.0);
			OffsetAndMetadata offset = committed.get(partition);
			rows.add(new ConsumerLag.PartitionLag(topic, partition.partition(), offset == null ? null : offset.offset(),
					end, lag, seconds));
			total += lag;
			maxSeconds = Math.max(maxSeconds, seconds);
		}
		int members = description == null ? 0 : description.members().size();
		return new ConsumerLag.GroupLag(group, topic, total, maxSeconds, members, rows);
	}

	private static List<TopicPartition> partitions(Admin admin, Deadline deadline, String topic)
			throws InterruptedException, ExecutionException, TimeoutException {
		return deadline.await(admin.describeTopics(List.of(topic)).allTopicNames())
			.get(topic)
			.partitions()
			.stream()
			.map(p -> new TopicPartition(topic, p.partition()))
			.toList();
	}

	private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, Deadline deadline,
			List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach(p -> request.put(p, spec));
		return deadline.await(admin.listOffsets(request).all());
	}

	/** Timestamp of the record at each lagging partition's position. */
	private Map<TopicPartition, Long> oldestUnconsumedTimestamps(Deadline deadline, Map<TopicPartition, Long> positions,
			Map<TopicPartition, ListOffsetsResultInfo> ends) {
		Map<TopicPartition, Long> wanted = new HashMap<>();
		positions.forEach((partition, position) -> {
			if (ends.get(partition).offset() > position) {
				wanted.put(partition, position);
			}
		});
		Map<TopicPartition, Long> timestamps = new HashMap<>();
		if (wanted.isEmpty()) {
			return timestamps;
		}
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties);
		try {
			consumer.assign(wanted.keySet());
			wanted.forEach(consumer::seek);
			Set<TopicPartition> missing = new java.util.HashSet<>(wanted.keySet());
			while (!missing.isEmpty() && !deadline.passed()) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (missing.remove(partition)) {
						timestamps.put(partition, record.timestamp());
						consumer.pause(List.of(partition));
					}
				}
			}
		}
		finally {
			consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(CLOSE_TIMEOUT));
		}
		return timestamps;
	}

	/** One time budget shared by every broker round trip of a measurement. */
	private record Deadline(long endNanos) {

		Deadline(Duration budget) {
			this(System.nanoTime() + budget.toNanos());
		}

		<T> T await(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
			return future.get(Math.max(1, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}

		boolean passed() {
			return System.nanoTime() >= endNanos;
		}

	}

}
