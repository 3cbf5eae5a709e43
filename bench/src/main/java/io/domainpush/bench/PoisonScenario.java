package io.domainpush.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.domainpush.core.events.Topics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Poison records on both topics (malformed JSON, an unknown version): the worker and the
 * notifier dead-letter each once. The notifier is killed (kill -9) as soon as its dead
 * letter appears, before its consumer's timed offset commit would come: a notifier that
 * read its poll again after the restart would dead-letter the poison a second time (I6).
 */
final class PoisonScenario implements FaultScenario {

	static final List<String> POISON = List.of("{\"type\":\"PushRequested\",\"version\":1,\"push_id\":",
			"{\"type\":\"PushRequested\",\"version\":42}");

	static final List<String> EVENT_POISON = List.of("{\"type\":\"PushCompleted\",\"version\":1,\"push_id\":",
			"{\"type\":\"PushCompleted\",\"version\":42}");

	@Override
	public String description(FaultLab lab) {
		return POISON.size() + " poison records on " + Topics.REQUESTS + ", " + EVENT_POISON.size() + " on "
				+ Topics.EVENTS + " with kill -9 of the notifier once it dead-lettered them";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
				new StringSerializer())) {
			for (String poison : POISON) {
				producer.send(new ProducerRecord<>(Topics.REQUESTS, "poison-key", poison)).get();
				lab.fault();
				lab.poisonInjected.incrementAndGet();
			}
			for (String poison : EVENT_POISON) {
				producer.send(new ProducerRecord<>(Topics.EVENTS, "poison-key", poison)).get();
				lab.eventPoisonInjected.incrementAndGet();
			}
		}
		awaitDeadLetters(lab, EVENT_POISON.size());
		lab.say("    kill -9 notifier");
		lab.services.kill("notifier");
		lab.fault();
	}

	/** Watches the events' dead-letter topic until {@code count} records are in it. */
	private static void awaitDeadLetters(FaultLab lab, int count) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-watch-" + System.nanoTime());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.EVENTS_DLT));
			int seen = 0;
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (seen < count && System.nanoTime() < deadline) {
				seen += consumer.poll(Duration.ofMillis(50)).count();
			}
		}
	}

}
