package io.domainpush.core.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.Topics;
import io.domainpush.core.events.UnsupportedEventException;

import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error-handling policy of every consumer: a record that cannot be understood
 * (malformed, unknown type or version) goes to {@code <topic>.DLT} at once, with the
 * original bytes and error headers; anything else (database or broker down, SMTP
 * unreachable) is retried with exponential back-off and never skipped.
 */
public final class ConsumerErrorHandling {

	private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(ConsumerErrorHandling.class));

	private ConsumerErrorHandling() {
	}

	/**
	 * The failure of a record whose value could not be decoded (set by
	 * {@code ErrorHandlingDeserializer}); null for a decoded record. Batch listeners see
	 * such records and must dead-letter them themselves.
	 */
	public static DeserializationException undecodable(ConsumerRecord<?, ?> record) {
		return SerializationUtils.getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
				LOG);
	}

	/**
	 * Publishes a record to {@code <topic>.DLT}, same partition, original bytes and error
	 * headers.
	 */
	public static DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaProperties kafka) {
		Map<String, Object> producer = kafka.buildProducerProperties();
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadLetterValueSerializer.class);
		KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
		return new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, record.partition()));
	}

	public static DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer recoverer, Duration initialBackOff,
			Duration maxBackOff) {
		ExponentialBackOff backOff = new ExponentialBackOff(initialBackOff.toMillis(), 2.0);
		backOff.setMaxInterval(maxBackOff.toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(UnsupportedEventException.class);
		return handler;
	}

	/**
	 * Writes what a dead-lettered record held: the raw bytes of a poison record, or a
	 * decoded event.
	 */
	public static class DeadLetterValueSerializer implements Serializer<Object> {

		@Override
		public byte[] serialize(String topic, Object data) {
			if (data == null || data instanceof byte[]) {
				return (byte[]) data;
			}
			if (data instanceof PushEvent event) {
				return EventCodec.encode(event).getBytes(StandardCharsets.UTF_8);
			}
			return data.toString().getBytes(StandardCharsets.UTF_8);
		}

	}

}
