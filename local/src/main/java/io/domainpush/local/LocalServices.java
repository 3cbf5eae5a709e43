package io.domainpush.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.domainpush.api.PushApiApplication;
import io.domainpush.notifier.NotifierApplication;
import io.domainpush.worker.PushWorkerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services started in this JVM, each its own Spring Boot application with its
 * own context, port and config files, exactly as its own jar would run. Used by local
 * mode and end-to-end tests.
 */
public final class LocalServices implements AutoCloseable {

	/**
	 * Spring Security is on the shared classpath for push-api only; the other two never
	 * had it.
	 */
	private static final String WITHOUT_SECURITY = String.join(",",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			// the console's sessions and pages are push-api's: the worker and notifier
			// serve no pages
			"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
			"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
			"org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration",
			"org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration");

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private ConfigurableApplicationContext api;

	private ConfigurableApplicationContext worker;

	private ConfigurableApplicationContext notifier;

	/**
	 * @param common properties given to all three (datasource, Kafka, mail ...)
	 * @param ports ports of push-api, push-worker and notifier (0 = any free port)
	 */
	public static LocalServices start(Map<String, Object> common, int[] ports) {
		LocalServices services = new LocalServices();
		try {
			// the notifier's links (invitations, digests) lead to push-api's console,
			// whose
			// port is chosen now when any free one would do
			int apiPort = ports[0] != 0 ? ports[0] : freePort();
			Map<String, Object> withConsole = new java.util.LinkedHashMap<>(common);
			withConsole.putIfAbsent("push.notifier.console-base-url", "http://127.0.0.1:" + apiPort);
			// the worker first, so that its consumer group exists before the first
			// request arrives
			services.worker = services.run(PushWorkerApplication.class, PushWorkerApplication.CONFIG_NAME, withConsole,
					ports[1], true);
			services.notifier = services.run(NotifierApplication.class, NotifierApplication.CONFIG_NAME, withConsole,
					ports[2], true);
			services.api = services.run(PushApiApplication.class, PushApiApplication.CONFIG_NAME, withConsole, apiPort,
					false);
			return services;
		}
		catch (RuntimeException ex) {
			services.close();
			throw ex;
		}
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private ConfigurableApplicationContext run(Class<?> application, String configName, Map<String, Object> common,
			int port, boolean withoutSecurity) {
		Map<String, Object> properties = new LinkedHashMap<>(common);
		properties.put("spring.config.name", configName);
		properties.put("server.port", port);
		properties.put("spring.kafka.client-id", application.getSimpleName());
		// one JVM, one logging system: a name in its lines would be the first service's
		// for
		// all three (a line's thread and trace tell whose it is)
		properties.put("logging.include-application-name", false);
		if (withoutSecurity) {
			properties.put("spring.autoconfigure.exclude", WITHOUT_SECURITY);
			properties.put("springdoc.api-docs.enabled", false);
			properties.put("springdoc.swagger-ui.enabled", false);
		}
		// as command-line arguments: they must win over the services' own config files
		String[] args = properties.entrySet()
			.stream()
			.map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).registerShutdownHook(false)
			.run(args);
		contexts.add(context);
		return context;
	}

	public ConfigurableApplicationContext api() {
		return api;
	}

	public ConfigurableApplicationContext worker() {
		return worker;
	}

	public ConfigurableApplicationContext notifier() {
		return notifier;
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
	}

	@Override
	public void close() {
		// the API first (stop accepting), then the worker, then the notifier: each drains
		// what the previous produced
		List<ConfigurableApplicationContext> order = new ArrayList<>(contexts);
		java.util.Collections.reverse(order);
		for (ConfigurableApplicationContext context : order) {
			context.close();
		}
		contexts.clear();
	}

}
