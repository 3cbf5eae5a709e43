package io.domainpush.core.kafka;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * What the consuming services (push-worker, notifier) share: dead letters and the error
 * handler.
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerConfiguration {

	@Bean
	DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaProperties kafka) {
		return ConsumerErrorHandling.deadLetterRecoverer(kafka);
	}

	@Bean
	DeadLetters deadLetters(DeadLetterPublishingRecoverer recoverer) {
		return new DeadLetters(recoverer);
	}

	/**
	 * Picked up by Boot's listener container factory. A failed poll (database, broker or
	 * SMTP server down) is retried with back-off, forever: never skipped.
	 */
	@Bean
	CommonErrorHandler consumerErrorHandler(DeadLetterPublishingRecoverer deadLetters, RetryProperties retry) {
		return ConsumerErrorHandling.errorHandler(deadLetters, retry.initialBackOff(), retry.maxBackOff());
	}

}
