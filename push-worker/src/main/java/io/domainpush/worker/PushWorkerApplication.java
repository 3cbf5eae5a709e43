package io.domainpush.worker;

import io.domainpush.core.kafka.ConsumerConfiguration;
import io.domainpush.core.config.CoreConfiguration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * push-worker: applies each requested push once, in one transaction, and announces the
 * outcome.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ CoreConfiguration.class, ConsumerConfiguration.class })
public class PushWorkerApplication {

	public static final String CONFIG_NAME = "push-common,push-worker";

	public static void main(String[] args) {
		run(args);
	}

	public static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(PushWorkerApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
