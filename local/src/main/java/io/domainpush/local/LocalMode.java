package io.domainpush.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: starts an embedded PostgreSQL, a real Kafka broker (KRaft, in
 * this JVM), an SMTP server (GreenMail) and the three services, prints where everything
 * is and an operator token, and with {@code --demo} pushes a few domains and shows the
 * emails that arrived. Ctrl-C stops it all.
 * <p>
 * Any standard Spring property can still point the services elsewhere (e.g.
 * {@code SPRING_DATASOURCE_URL}); the embedded component is then still started but
 * unused. Ports: {@code LOCAL_KAFKA_PORT} (9092), {@code LOCAL_SMTP_PORT} (3025),
 * {@code LOCAL_IMAP_PORT} (3143), {@code LOCAL_ZIPKIN_PORT} (9411),
 * {@code LOCAL_API_PORT} (8080), {@code LOCAL_WORKER_PORT} (8081),
 * {@code LOCAL_NOTIFIER_PORT} (8082); a busy port is replaced by a free one.
 */
public final class LocalMode {

	private LocalMode() {
	}

	public static void main(String[] args) throws Exception {
		List<String> options = Arrays.asList(args);
		if (options.contains("--help")) {
			System.out.println("usage: run-local.sh [--demo] [--no-zipkin]");
			return;
		}
		long started = System.nanoTime();
		String operatorToken = System.getenv()
			.getOrDefault("PUSH_SECURITY_OPERATOR_TOKEN", io.domainpush.api.account.Tokens.newToken());
		String operatorUsername = System.getenv()
			.getOrDefault("PUSH_SECURITY_OPERATOR_USERNAME", "operator@domain-push.local");
		String operatorPassword = System.getenv().getOrDefault("PUSH_SECURITY_OPERATOR_PASSWORD", Demo.newPassword());
		LocalZipkin zipkin = options.contains("--no-zipkin") ? null : launchZipkin();
		say("Starting PostgreSQL (embedded) ...");
		LocalPostgres postgres = LocalPostgres.start("domainpush");
		say("Starting Kafka (KRaft, in-process) ...");
		LocalKafka kafka = LocalKafka.start(port("LOCAL_KAFKA_PORT", 9092), 12);
		say("Starting SMTP server (GreenMail) ...");
		LocalMail mail = LocalMail.start(port("LOCAL_SMTP_PORT", 3025), port("LOCAL_IMAP_PORT", 3143));
		Map<String, Object> common = new LinkedHashMap<>();
		// embedded defaults, unless the standard environment variables point elsewhere
		// (DESIGN §6)
		putUnlessSet(common, "SPRING_DATASOURCE_URL", "spring.datasource.url", postgres.jdbcUrl("domainpush"));
		putUnlessSet(common, "SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers",
				kafka.bootstrapServers());
		putUnlessSet(common, "SPRING_MAIL_HOST", "spring.mail.host", "127.0.0.1");
		putUnlessSet(common, "SPRING_MAIL_PORT", "spring.mail.port", mail.smtpPort());
		common.put("push.security.operator-token", operatorToken);
		common.put("push.security.operator-username", operatorUsername);
		common.put("push.security.operator-password", operatorPassword);
		// webhooks on: a key made for this run (the embedded database is new each run),
		// and endpoints on this machine allowed so a receiver on localhost can be tried
		putUnlessSet(common, "PUSH_WEBHOOKS_SECRET_KEY", "push.webhooks.secret-key", newWebhookKey());
		putUnlessSet(common, "PUSH_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "push.webhooks.allow-private-networks", true);
		if (zipkin != null) {
			// every push traced, so the one just made can be found
			putUnlessSet(common, "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "management.tracing.sampling.probability",
					1.0);
			putUnlessSet(common, "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT",
					"management.tracing.export.zipkin.endpoint", zipkin.spansEndpoint());
			common.put("management.tracing.export.zipkin.enabled", true);
		}
		say("Starting push-worker, notifier and push-api ...");
		LocalServices services = LocalServices.start(common, new int[] { port("LOCAL_API_PORT", 8080),
				port("LOCAL_WORKER_PORT", 8081), port("LOCAL_NOTIFIER_PORT", 8082) });
		if (zipkin != null) {
			zipkin.awaitHealthy();
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			say("Stopping ...");
			services.close();
			if (zipkin != null) {
				zipkin.close();
			}
			mail.close();
			kafka.close();
			postgres.close();
			say("Stopped.");
			stopped.countDown();
		}, "local-mode-shutdown"));
		String api = "http://127.0.0.1:" + LocalServices.port(services.api());
		System.out.printf(
				"""

						Domain Push is running (started in %.1f s).
						  Console      %s/  (operator: %s, password %s)
						  push-api     %s  (Swagger UI: %s/swagger-ui.html)
						  OMA API      %s/api/<method>  (the console's usernames and passwords)
						  push-worker  http://127.0.0.1:%d/actuator/health
						  notifier     http://127.0.0.1:%d/actuator/health
						  Kafka        %s
						  PostgreSQL   %s (user postgres)
						  SMTP         127.0.0.1:%d, received mail over IMAP at 127.0.0.1:%d (user = recipient address, any password)
						  Zipkin       %s
						  Operator token: %s
						Press Ctrl-C to stop.

						""",
				(System.nanoTime() - started) / 1e9, api, operatorUsername, operatorPassword, api, api, api,
				LocalServices.port(services.worker()), LocalServices.port(services.notifier()),
				kafka.bootstrapServers(), postgres.jdbcUrl("domainpush"), mail.smtpPort(), mail.imapPort(),
				zipkin == null ? "off" : zipkin.uiUrl() + "  (traces; a push's: see README)", operatorToken);
		if (options.contains("--demo")) {
			new Demo(api, operatorToken, mail).run();
		}
		stopped.await();
	}

	/** Zipkin from the jar the build copied; none (said so) when it is missing. */
	private static LocalZipkin launchZipkin() {
		Path jar = Path.of("local", LocalZipkin.JAR);
		if (!Files.isRegularFile(jar)) {
			say("Zipkin's jar is not at " + jar + " (build with ./mvnw -DskipTests package): tracing export off");
			return null;
		}
		say("Starting Zipkin (traces) ...");
		return LocalZipkin.launch(jar, port("LOCAL_ZIPKIN_PORT", 9411),
				Path.of("local", "target", "zipkin", "zipkin.log"));
	}

	public static String newWebhookKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return java.util.Base64.getEncoder().encodeToString(key);
	}

	private static void putUnlessSet(Map<String, Object> properties, String variable, String property, Object value) {
		if (System.getenv(variable) == null) {
			properties.put(property, value);
		}
	}

	private static int port(String variable, int fallback) {
		String value = System.getenv(variable);
		int port = value == null ? fallback : Integer.parseInt(value);
		return FreePorts.isFree(port) ? port : FreePorts.find();
	}

	static void say(String message) {
		System.out.println("[local] " + message);
	}

}
