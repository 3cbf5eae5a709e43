package io.domainpush.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so the compose stack cannot be started in CI: what can
 * be checked without it is checked here. The compose file follows the Compose
 * Specification's schema, names the services and ports the applications really use, its
 * environment variables bind to properties the services declare, its health checks work
 * under the shell that runs them, the services restart, the Dockerfiles copy jars the
 * build really produces, and Prometheus scrapes the right ports.
 */
class DeploymentFilesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void shouldDescribeTheWholeStack() throws IOException {
		assertThat(compose().keySet()).containsExactlyInAnyOrder("kafka", "kafka-1", "kafka-2", "kafka-3", "postgres",
				"mailpit", "push-api", "push-api-2", "push-worker", "notifier", "zipkin", "prometheus", "grafana");
		assertThat(image("kafka")).startsWith("apache/kafka:");
		// every service's traces go to the stack's Zipkin
		assertThat(image("zipkin")).startsWith("openzipkin/zipkin:");
		for (String service : List.of("push-api", "push-worker", "notifier")) {
			assertThat(environment(service)).as(service)
				.containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "true")
				.containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans");
		}
	}

	/**
	 * The cluster profile: three KRaft nodes of one cluster, each advertising its own
	 * name, voting in one quorum, keeping its own volume; internal topics with three
	 * replicas, two in sync; the services reach all three and create their topics with
	 * three replicas, two in sync, when the variables say so (and one broker otherwise);
	 * a second push-api; nothing of it runs without the profile.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void shouldDescribeAThreeBrokerClusterProfile() throws IOException {
		List<String> nodes = List.of("kafka-1", "kafka-2", "kafka-3");
		for (int i = 0; i < nodes.size(); i++) {
			String node = nodes.get(i);
			assertThat((List<String>) service(node).get("profiles")).as(node).containsExactly("cluster");
			Map<String, Object> env = environment(node);
			assertThat(env).as(node)
				.containsEntry("KAFKA_NODE_ID", String.valueOf(i + 1))
				.containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + node + ":9092")
				.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
				.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
				.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
				.containsEntry("CLUSTER_ID", environment("kafka-1").get("CLUSTER_ID"));
			assertThat(service(node).get("volumes").toString()).contains(node + "-data:/var/lib/kafka/data");
			assertThat(healthcheck(node)).isEqualTo(healthcheck("kafka"));
		}
		assertThat((List<String>) service("push-api-2").get("profiles")).containsExactly("cluster");
		for (String service : List.of("push-api", "push-api-2", "push-worker", "notifier")) {
			Map<String, Object> env = environment(service);
			assertThat(env).as(service)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}")
				.containsEntry("PUSH_KAFKA_REPLICAS", "${PUSH_KAFKA_REPLICAS:-1}")
				.containsEntry("PUSH_KAFKA_MIN_INSYNC_REPLICAS", "${PUSH_KAFKA_MIN_INSYNC_REPLICAS:-1}");
			Map<String, Object> dependsOn = (Map<String, Object>) service(service).get("depends_on");
			for (String node : nodes) {
				assertThat((Map<String, Object>) dependsOn.get(node)).as(service + " waits for " + node)
					.containsEntry("condition", "service_healthy")
					.containsEntry("required", false);
			}
		}
		for (String always : List.of("kafka", "postgres", "push-api", "push-worker", "notifier")) {
			assertThat(service(always)).as(always).doesNotContainKey("profiles");
		}
		assertThat(Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"))).contains("push-api-2");
	}

	@ParameterizedTest
	@CsvSource({ "push-api, push-api.yml", "push-worker, push-worker.yml", "notifier, notifier.yml" })
	void shouldConfigureEachServiceWithPropertiesItDeclares(String service, String configFile) throws IOException {
		Map<String, Object> properties = flatten(yaml(ROOT.resolve("push-core/src/main/resources/push-common.yml")));
		Map<String, Object> own = flatten(yaml(ROOT.resolve(service + "/src/main/resources/" + configFile)));
		properties.putAll(own);
		Set<String> declared = properties.keySet()
			.stream()
			.map(DeploymentFilesTests::canonical)
			.collect(java.util.stream.Collectors.toSet());
		Map<String, Object> environment = environment(service);
		assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS", "SERVER_PORT");
		for (String variable : environment.keySet()) {
			assertThat(declared).as("%s of %s binds to a property in its config files", variable, service)
				.contains(canonical(variable));
		}
		String port = String.valueOf(own.get("server.port"));
		assertThat(environment.get("SERVER_PORT")).isEqualTo(port);
		String dockerfile = Files.readString(ROOT.resolve(service + "/Dockerfile"));
		assertThat(dockerfile).contains("EXPOSE " + port);
		Matcher copy = Pattern.compile("COPY (target/\\S+\\.jar)").matcher(dockerfile);
		assertThat(copy.find()).isTrue();
		assertThat(ROOT.resolve(service).resolve(copy.group(1))).as("jar produced by ./mvnw package").exists();
		assertThat(service(service).get("build")).isEqualTo("./" + service);
	}

	@Test
	void shouldLetWorkersAndNotifiersScaleOut() throws IOException {
		for (String service : List.of("push-worker", "notifier")) {
			assertThat(service(service)).as(service).doesNotContainKeys("ports", "container_name");
		}
		Map<String, Object> common = flatten(yaml(ROOT.resolve("push-core/src/main/resources/push-common.yml")));
		assertThat(environment("push-worker").get("PUSH_KAFKA_PARTITIONS")).isEqualTo("12");
		assertThat(common.get("push.kafka.partitions")).isEqualTo(12);
	}

	@Test
	void shouldScrapeEveryServiceOnItsPort() throws IOException {
		String prometheus = Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"));
		assertThat(prometheus).contains("names: [\"push-api\", \"push-api-2\"]", "port: 8080",
				"names: [\"push-worker\"]", "port: 8081", "names: [\"notifier\"]", "port: 8082",
				"/etc/prometheus/alerts.yml", "metrics_path: /actuator/prometheus");
		assertThat(String.valueOf(service("prometheus").get("volumes"))).contains("./ops/prometheus/alerts.yml");
	}

	@Test
	void shouldProvisionTheDashboardWithPanelsOnOurMetrics() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(ROOT.resolve("ops/grafana/dashboards/domain-push.json").toFile());
		assertThat(dashboard.get("uid").asString()).isEqualTo("domain-push");
		String expressions = dashboard.get("panels")
			.valueStream()
			.flatMap(p -> p.get("targets").valueStream())
			.map(t -> t.get("expr").asString())
			.reduce("", String::concat);
		assertThat(expressions).contains("push_consumer_group_lag_records", "push_consumer_group_lag_seconds",
				"push_outcomes_total", "push_latency_seconds_bucket", "push_emails_total", "push_outbox_backlog",
				"push_notifications_pending", "push_notifications_pending_oldest_age_seconds", "push_oma_calls_total");
		assertThat(Files.readString(ROOT.resolve("ops/grafana/provisioning/dashboards/domain-push.yml")))
			.contains("/var/lib/grafana/dashboards");
	}

	@Test
	void shouldFollowTheComposeSpecification() throws IOException {
		Schema schema = composeSchema();
		JsonNode compose = JSON.valueToTree(yaml(ROOT.resolve("docker-compose.yml")));
		assertThat(schema.validate(compose)).extracting(com.networknt.schema.Error::getMessage).isEmpty();
		// the schema does catch what a user would otherwise meet at `docker compose up`
		tools.jackson.databind.node.ObjectNode misspelt = (tools.jackson.databind.node.ObjectNode) compose.deepCopy();
		((tools.jackson.databind.node.ObjectNode) misspelt.get("services").get("push-api")).put("helthcheck", "x");
		assertThat(schema.validate(misspelt)).extracting(com.networknt.schema.Error::getMessage)
			.anyMatch(message -> message.contains("helthcheck"));
	}

	@ParameterizedTest
	@CsvSource({ "push-api", "push-worker", "notifier", "kafka", "postgres" })
	void shouldRestartAServiceThatStops(String service) throws IOException {
		assertThat(service(service).get("restart")).as("restart policy of %s", service)
			.isIn("always", "unless-stopped", "on-failure");
	}

	@Test
	void shouldCheckPostgresOverTcpAsTheServicesConnect() throws IOException {
		List<String> test = healthcheck("postgres");
		assertThat(test).startsWith("CMD").contains("pg_isready");
		assertThat(test.get(test.indexOf("-h") + 1)).isEqualTo("127.0.0.1");
	}

	@Test
	void shouldKeepKafkasDataOnAVolume() throws IOException {
		Map<String, Object> kafka = service("kafka");
		String logDirs = environment("kafka").get("KAFKA_LOG_DIRS").toString();
		assertThat(String.valueOf(kafka.get("volumes"))).contains("kafka-data:" + logDirs);
		assertThat(yaml(ROOT.resolve("docker-compose.yml")).get("volumes").toString()).contains("kafka-data");
	}

	@Test
	void shouldWorkWithoutAnEnvFileAndDocumentEveryVariableInTheExample() throws IOException {
		String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
		// ${VAR:?message} makes even `docker compose ps` and `down` fail while VAR is
		// unset
		assertThat(compose).doesNotContain(":?");
		Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(compose);
		String example = Files.readString(ROOT.resolve(".env.example"));
		while (variable.find()) {
			assertThat(example).as(".env.example names %s", variable.group(1)).contains(variable.group(1) + "=");
		}
	}

	/**
	 * Shell-form checks run under the image's /bin/sh (dash or busybox): POSIX syntax, no
	 * bash features.
	 */
	@ParameterizedTest
	@CsvSource({ "kafka", "kafka-1", "postgres", "push-api" })
	void shouldWriteHealthchecksForTheShellThatRunsThem(String service) throws Exception {
		List<String> test = healthcheck(service);
		if (test.get(0).equals("CMD-SHELL")) {
			String command = test.get(1);
			assertThat(command).doesNotContain("/dev/tcp", "[[", "<<<", "source ", "function ");
			assertThat(run(List.of("sh", "-n", "-c", command)).exitCode()).as("sh -n -c %s", command).isZero();
		}
		else {
			assertThat(test.get(0)).isEqualTo("CMD");
			if (test.get(1).equals("sh")) {
				assertThat(String.join(" ", test)).doesNotContain("/dev/tcp", "[[", "<<<");
			}
		}
	}

	/**
	 * push-api's check, run as Docker runs it, against a stand-in answering as the
	 * readiness endpoint does.
	 */
	@Test
	void shouldReportPushApiHealthyExactlyWhenItIsReady() throws Exception {
		List<String> test = healthcheck("push-api");
		AtomicReference<String> readiness = new AtomicReference<>("{\"status\":\"UP\",\"groups\":[]}");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		server.createContext("/actuator/health/readiness", exchange -> {
			byte[] body = readiness.get().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(body.length > 0 && readiness.get().contains("UP") ? 200 : 503, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			// CMD-SHELL runs the string with the image's /bin/sh (dash in
			// eclipse-temurin, as here); CMD runs it as is
			List<String> asDockerRunsIt = test.get(0).equals("CMD-SHELL") ? List.of("sh", "-c", test.get(1))
					: test.subList(1, test.size());
			List<String> command = asDockerRunsIt.stream()
				.map(arg -> arg.replace("8080", String.valueOf(server.getAddress().getPort())))
				.toList();
			assertThat(run(command).exitCode()).as("%s while ready", command).isZero();
			readiness.set("{\"status\":\"DOWN\"}");
			assertThat(run(command).exitCode()).as("%s while not ready", command).isNotZero();
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * The project stands on its own: every relative link of its documentation resolves
	 * inside the repository.
	 */
	@Test
	void shouldLinkOnlyToFilesInsideTheRepository() throws IOException {
		List<Path> documents;
		try (var files = Files.walk(ROOT)) {
			documents = files.filter(f -> f.toString().endsWith(".md"))
				.filter(f -> !ROOT.relativize(f).toString().contains("target/")
						&& !ROOT.relativize(f).startsWith(".git"))
				.toList();
		}
		assertThat(documents).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/design.md"));
		Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)");
		for (Path document : documents) {
			String text = Files.readString(document);
			assertThat(text).as("%s names a file outside the repository", document).doesNotContain("../shared");
			Matcher matcher = link.matcher(text);
			while (matcher.find()) {
				String target = matcher.group(1);
				if (target.matches("^[a-z]+:.*")) {
					continue; // http:, https:, mailto:
				}
				Path resolved = document.getParent().resolve(target).normalize();
				assertThat(resolved).as("link %s in %s", target, ROOT.relativize(document)).startsWith(ROOT).exists();
			}
		}
	}

	/**
	 * A check that fails before Prometheus starts (here: the rules do not pass promtool)
	 * cleans up after itself.
	 */
	@Test
	void shouldCleanUpWhenTheMonitoringCheckFailsEarly(@TempDir Path temp) throws Exception {
		Path bin = Files.createDirectories(temp.resolve("bin"));
		Path tmp = Files.createDirectories(temp.resolve("tmp"));
		for (String tool : List.of("prometheus", "promtool")) {
			Path fake = bin.resolve(tool);
			Files.writeString(fake, "#!/bin/sh\necho \"$0: refusing\" >&2\nexit 1\n");
			fake.toFile().setExecutable(true);
		}
		ProcessBuilder check = new ProcessBuilder("bash", ROOT.resolve("ops/check-prometheus.sh").toString())
			.redirectErrorStream(true);
		check.environment().put("PATH", bin + ":" + System.getenv("PATH"));
		check.environment().put("TMPDIR", tmp.toString());
		Process process = check.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("refusing").doesNotContain("unbound variable");
		try (var left = Files.list(tmp)) {
			assertThat(left).as("temporary files left behind").isEmpty();
		}
	}

	/**
	 * From the test classpath: its relative {@code $id} resolves against that location,
	 * nothing is fetched.
	 */
	private static Schema composeSchema() {
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
			.getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> healthcheck(String service) throws IOException {
		Object test = ((Map<String, Object>) service(service).get("healthcheck")).get("test");
		return ((List<Object>) test).stream().map(String::valueOf).toList();
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not finish: " + output);
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

	private static String canonical(String name) {
		return name.toLowerCase().replaceAll("[-._]", "");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> compose() throws IOException {
		return (Map<String, Object>) yaml(ROOT.resolve("docker-compose.yml")).get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		return (Map<String, Object>) compose().get(name);
	}

	private static String image(String name) throws IOException {
		return String.valueOf(service(name).get("image"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(String name) throws IOException {
		Map<String, Object> environment = new TreeMap<>();
		((Map<String, Object>) service(name).get("environment"))
			.forEach((k, v) -> environment.put(k, String.valueOf(v)));
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return (Map<String, Object>) new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> flatten(Map<String, Object> tree) {
		Map<String, Object> flat = new LinkedHashMap<>();
		tree.forEach((key, value) -> {
			if (value instanceof Map<?, ?> nested) {
				flatten((Map<String, Object>) nested).forEach((k, v) -> flat.put(key + "." + k, v));
			}
			else {
				flat.put(key, value);
			}
		});
		return flat;
	}

}
