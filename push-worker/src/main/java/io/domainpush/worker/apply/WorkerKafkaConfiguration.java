package io.domainpush.worker.apply;

import io.domainpush.core.config.ConsumerErrorHandling;
import io.domainpush.core.config.RetryProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

@Configuration(proxyBeanMethods = false)
class WorkerKafkaConfiguration {

	/** Picked up by Boot's listener container factory. A database outage is retried, never skipped. */
	@Bean
	CommonErrorHandler pushErrorHandler(KafkaProperties kafka, RetryProperties retry) {
		return ConsumerErrorHandling.errorHandler(kafka, retry.initialBackOff(), retry.maxBackOff());
	}

}
