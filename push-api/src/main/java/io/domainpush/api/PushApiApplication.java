package io.domainpush.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * push-api: the HTTP front door. Stores what it accepts, then publishes it through the
 * outbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PushApiApplication {

	/**
	 * The config files this service reads, so the three services can share one classpath
	 * in local mode.
	 */
	public static final String CONFIG_NAME = "push-common,push-api";

	public static void main(String[] args) {
		run(args);
	}

	public static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(PushApiApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
