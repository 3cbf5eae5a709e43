package io.domainpush.notifier.mail;

import io.domainpush.core.config.ConsumerErrorHandling;
import io.domainpush.core.config.RetryProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

@Configuration(proxyBeanMethods = false)
class NotifierKafkaConfiguration {

	@Bean
	CommonErrorHandler notifierErrorHandler(KafkaProperties kafka, RetryProperties retry) {
		return ConsumerErrorHandling.errorHandler(ConsumerErrorHandling.deadLetterRecoverer(kafka), retry.initialBackOff(),
				retry.maxBackOff());
	}

}
