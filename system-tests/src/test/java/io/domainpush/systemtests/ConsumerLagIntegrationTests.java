package io.domainpush.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lag endpoint and the lag metrics agree with
 * {@code kafka-consumer-groups --describe} ({@code ConsumerGroupCommand} from
 * kafka-tools, run as its own process) on a live system with lag.
 */
class ConsumerLagIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldReportTheSameLagAsKafkaConsumerGroupsWhileTheWorkerLags() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 1, null),
				scenario.domain(losing, 1, null));
		system.awaitQuiet();
		system.suspendWorkerFetching();
		try {
			domains.forEach(d -> scenario.push(losing, d, gaining));
			await().atMost(Duration.ofSeconds(10)).until(() -> system.lag(Topics.WORKER_GROUP, Topics.REQUESTS) == 3);

			JsonNode endpoint = api.get("/api/v1/ops/consumer-lag", RunningSystem.OPERATOR_TOKEN).json();
			Map<Integer, long[]> tool = describe(Topics.WORKER_GROUP);

			JsonNode worker = group(endpoint, Topics.WORKER_GROUP);
			assertThat(worker.get("topic").asString()).isEqualTo(Topics.REQUESTS);
			assertThat(worker.get("total_lag").asLong()).isEqualTo(3);
			assertThat(worker.get("members").asInt()).isEqualTo(3);
			assertThat(worker.get("max_lag_seconds").asDouble()).isGreaterThan(0);
			assertThat(tool).hasSameSizeAs(worker.get("partitions").valueStream().toList());
			for (JsonNode partition : worker.get("partitions")) {
				long[] expected = tool.get(partition.get("partition").asInt());
				assertThat(partition.get("committed_offset").isNull() ? -1 : partition.get("committed_offset").asLong())
					.as("committed offset of partition %s", partition.get("partition"))
					.isEqualTo(expected[0]);
				assertThat(partition.get("end_offset").asLong()).isEqualTo(expected[1]);
				assertThat(partition.get("lag").asLong()).isEqualTo(expected[2] < 0 ? expected[1] : expected[2]);
				assertThat(partition.get("lag_seconds").asDouble() > 0).isEqualTo(partition.get("lag").asLong() > 0);
			}
			// the same figures reach Prometheus
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(api.get("/actuator/prometheus", null).body()).contains(
						"push_consumer_group_lag_records{application=\"push-api\",group=\"push-worker\",topic=\"domain-push.requests\"} 3.0"));
			assertThat(api.get("/api/v1/ops/consumer-lag", scenario.company("a").token()).status()).isEqualTo(403);
		}
		finally {
			system.resumeWorkerFetching();
		}
		system.awaitQuiet();
		assertThat(group(api.get("/api/v1/ops/consumer-lag", RunningSystem.OPERATOR_TOKEN).json(), Topics.WORKER_GROUP)
			.get("total_lag")
			.asLong()).isZero();
	}

	@Test
	void shouldMeasureLagOfAGroupWithoutLiveMembers() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String domain = scenario.domain(losing, 1, null);
		system.awaitQuiet();
		system.pauseWorker();
		try {
			scenario.push(losing, domain, gaining);
			await().atMost(Duration.ofSeconds(10)).until(() -> system.lag(Topics.WORKER_GROUP, Topics.REQUESTS) == 1);
			JsonNode worker = group(api.get("/api/v1/ops/consumer-lag", RunningSystem.OPERATOR_TOKEN).json(),
					Topics.WORKER_GROUP);
			assertThat(worker.get("members").asInt()).isZero();
			assertThat(worker.get("total_lag").asLong()).isEqualTo(1);
			assertThat(worker.get("max_lag_seconds").asDouble()).isGreaterThan(0);
		}
		finally {
			system.resumeWorker();
		}
		system.awaitQuiet();
	}

	private static JsonNode group(JsonNode lag, String name) {
		return lag.get("groups")
			.valueStream()
			.filter(g -> g.get("group").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * partition -> {current offset (-1 for "-"), log-end offset, lag (-1 for "-")} as the
	 * tool prints them.
	 */
	private static Map<Integer, long[]> describe(String group) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
				"org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
				system.bootstrapServers(), "--describe", "--group", group)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Map<Integer, long[]> partitions = new HashMap<>();
		for (String line : output.split("\n")) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length >= 6 && columns[0].equals(group)) {
				partitions.put(Integer.parseInt(columns[2]),
						new long[] { number(columns[3]), number(columns[4]), number(columns[5]) });
			}
		}
		java.nio.file.Files.writeString(java.nio.file.Path.of("target", "kafka-consumer-groups-" + group + ".txt"),
				output);
		assertThat(partitions).as(output).isNotEmpty();
		return partitions;
	}

	private static long number(String column) {
		return column.equals("-") ? -1 : Long.parseLong(column);
	}

	private static String java() {
		return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
