package io.domainpush.core.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Where a batch listener sends the records of a poll it cannot use: each to
 * {@code <topic>.DLT} (waiting for the broker's acknowledgement), then the poll's offsets
 * committed at once, whatever the container's commit schedule. A listener calls it last,
 * after everything else of the poll succeeded, so a retried poll never publishes a dead
 * letter twice; the immediate commit keeps a crash from reading the poll again, which
 * would. The one window left is a crash between the acknowledgement and the commit (one
 * round trip): each copy then carries the same {@code kafka_dlt-original-*} headers.
 */
public final class DeadLetters {

	private final DeadLetterPublishingRecoverer recoverer;

	public DeadLetters(DeadLetterPublishingRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	public void publish(List<Poison> poison, List<? extends ConsumerRecord<?, ?>> poll, Consumer<?, ?> consumer) {
		if (poison.isEmpty()) {
			return;
		}
		for (Poison bad : poison) {
			recoverer.accept(bad.record(), consumer, bad.error());
		}
		Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>();
		for (ConsumerRecord<?, ?> record : poll) {
			read.merge(new TopicPartition(record.topic(), record.partition()),
					new OffsetAndMetadata(record.offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
		}
		consumer.commitSync(read);
	}

	/** A record a listener cannot use, and why. */
	public record Poison(ConsumerRecord<?, ?> record, Exception error) {
	}

}
