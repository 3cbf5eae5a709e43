package io.domainpush.worker.apply;

import io.domainpush.core.config.ConsumerErrorHandling;
import io.domainpush.core.config.RetryProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

@Configuration(proxyBeanMethods = false)
class WorkerKafkaConfiguration {

	@Bean
	DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaProperties kafka) {
		return ConsumerErrorHandling.deadLetterRecoverer(kafka);
	}

	/**
	 * Picked up by Boot's listener container factory. A failed batch (database or broker down) is retried
	 * with back-off, forever: never skipped.
	 */
	@Bean
	CommonErrorHandler pushErrorHandler(DeadLetterPublishingRecoverer deadLetters, RetryProperties retry) {
		return ConsumerErrorHandling.errorHandler(deadLetters, retry.initialBackOff(), retry.maxBackOff());
	}

}
