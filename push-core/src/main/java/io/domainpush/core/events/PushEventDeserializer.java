package io.domainpush.core.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for {@link PushEvent}. Wrap it in spring-kafka's
 * {@code ErrorHandlingDeserializer} so that a poison record reaches the error handler
 * (and the dead-letter topic) instead of looping.
 */
public class PushEventDeserializer implements Deserializer<PushEvent> {

	@Override
	public PushEvent deserialize(String topic, byte[] data) {
		return EventCodec.decode(data);
	}

}
