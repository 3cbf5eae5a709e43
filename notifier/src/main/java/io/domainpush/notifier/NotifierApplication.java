package io.domainpush.notifier;

import io.domainpush.core.kafka.ConsumerConfiguration;
import io.domainpush.core.config.CoreConfiguration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** notifier: one email to the gaining reseller per completed push (R9), never two. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({ CoreConfiguration.class, ConsumerConfiguration.class })
public class NotifierApplication {

	public static final String CONFIG_NAME = "push-common,notifier";

	public static void main(String[] args) {
		run(args);
	}

	public static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(NotifierApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
