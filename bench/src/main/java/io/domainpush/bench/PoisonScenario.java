package io.domainpush.bench;

import java.util.List;
import java.util.Properties;

import io.domainpush.core.events.Topics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Two poison records on the requests topic: malformed JSON, and an unknown version. */
final class PoisonScenario implements FaultScenario {

	static final List<String> POISON = List.of("{\"type\":\"PushRequested\",\"version\":1,\"push_id\":",
			"{\"type\":\"PushRequested\",\"version\":42}");

	@Override
	public String description(FaultLab lab) {
		return POISON.size() + " poison records on " + Topics.REQUESTS;
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
		}
	}

}
