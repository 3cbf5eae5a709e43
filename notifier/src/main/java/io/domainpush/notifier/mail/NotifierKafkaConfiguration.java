package io.domainpush.notifier.mail;

import io.domainpush.core.config.ConsumerErrorHandling;
import io.domainpush.core.config.RetryProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

@Configuration(proxyBeanMethods = false)
class NotifierKafkaConfiguration {

	@Bean
	DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaProperties kafka) {
		return ConsumerErrorHandling.deadLetterRecoverer(kafka);
	}

	@Bean
	CommonErrorHandler notifierErrorHandler(DeadLetterPublishingRecoverer deadLetters, RetryProperties retry) {
		return ConsumerErrorHandling.errorHandler(deadLetters, retry.initialBackOff(), retry.maxBackOff());
	}

}
