package io.domainpush.api.ops;

import java.time.Clock;

import io.domainpush.core.kafka.ConsumerLagReader;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

	@Bean
	ConsumerLagReader consumerLagReader(KafkaProperties kafka, OpsProperties ops) {
		return new ConsumerLagReader(kafka.buildAdminProperties(), kafka.buildConsumerProperties(), Clock.systemUTC(),
				ops.lagTimeout());
	}

}
