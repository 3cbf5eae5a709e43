package io.domainpush.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so the compose stack cannot be started in CI: what can be checked
 * without it is checked here. The compose file names the services and ports the applications really
 * use, its environment variables bind to properties the services declare, the Dockerfiles copy jars
 * the build really produces, and Prometheus scrapes the right ports.
 */
class DeploymentFilesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void shouldDescribeTheWholeStack() throws IOException {
		assertThat(compose().keySet()).containsExactlyInAnyOrder("kafka", "postgres", "mailpit", "push-api", "push-worker",
				"notifier", "prometheus", "grafana");
		assertThat(image("kafka")).startsWith("apache/kafka:");
	}

	@ParameterizedTest
	@CsvSource({ "push-api, push-api.yml", "push-worker, push-worker.yml", "notifier, notifier.yml" })
	void shouldConfigureEachServiceWithPropertiesItDeclares(String service, String configFile) throws IOException {
		Map<String, Object> properties = flatten(yaml(ROOT.resolve("push-core/src/main/resources/push-common.yml")));
		Map<String, Object> own = flatten(yaml(ROOT.resolve(service + "/src/main/resources/" + configFile)));
		properties.putAll(own);
		Set<String> declared = properties.keySet().stream().map(DeploymentFilesTests::canonical).collect(java.util.stream.Collectors.toSet());
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
		assertThat(prometheus).contains("push-api:8080", "names: [\"push-worker\"]", "port: 8081", "names: [\"notifier\"]",
				"port: 8082", "/etc/prometheus/alerts.yml", "metrics_path: /actuator/prometheus");
		assertThat(String.valueOf(service("prometheus").get("volumes"))).contains("./ops/prometheus/alerts.yml");
	}

	@Test
	void shouldProvisionTheDashboardWithPanelsOnOurMetrics() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(ROOT.resolve("ops/grafana/dashboards/domain-push.json").toFile());
		assertThat(dashboard.get("uid").asString()).isEqualTo("domain-push");
		String expressions = dashboard.get("panels").valueStream().flatMap(p -> p.get("targets").valueStream())
			.map(t -> t.get("expr").asString()).reduce("", String::concat);
		assertThat(expressions).contains("push_consumer_group_lag_records", "push_consumer_group_lag_seconds",
				"push_outcomes_total", "push_latency_seconds_bucket", "push_emails_total", "push_outbox_backlog");
		assertThat(Files.readString(ROOT.resolve("ops/grafana/provisioning/dashboards/domain-push.yml")))
			.contains("/var/lib/grafana/dashboards");
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
		((Map<String, Object>) service(name).get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
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
