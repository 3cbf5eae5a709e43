package io.domainpush.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.domainpush.core.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The production topology's faults ({@code faults --cluster}): while a bulk push and a
 * stream of smaller batches (through both push-api instances) flow, kill -9 the broker
 * leading most partitions and bring it back; then the active KRaft controller; then two
 * brokers at once for {@code --brokers-down} seconds, with one instance of each service
 * killed meanwhile. After each single-broker loss the pipeline must go on completing
 * pushes: the longest pause between two completions from the kill until the broker is
 * back in sync is measured, and more than 30 s is a violation. With two brokers down
 * writes cannot reach two replicas: they stall (the outbox grows), nothing is lost, and
 * they resume once the brokers return.
 */
final class ClusterScenario implements FaultScenario {

	static final int STREAM_DOMAINS = 20_000;

	private static final int STREAM_BATCH = 50;

	private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	private final List<String> report = new ArrayList<>();

	private final List<String> violations = new ArrayList<>();

	@Override
	public String description(FaultLab lab) {
		return "cluster: 3 brokers (RF 3, min ISR 2), 2 push-api, 3 push-worker, 2 notifier; bulk push of "
				+ lab.setting.domains() + " domains and a stream of " + STREAM_BATCH
				+ "-domain batches; kill -9 the broker leading most partitions, then the controller, then two brokers for "
				+ lab.setting.brokerDownSeconds() + " s with one instance of each service killed";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		Properties props = new Properties();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
		props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		BatchStream feeder = new BatchStream(lab, List.of(lab.api, lab.secondApi), "stream", STREAM_DOMAINS,
				STREAM_BATCH);
		try (Admin admin = Admin.create(props)) {
			awaitFullyReplicated(lab, admin);
			String bulk = lab.api
				.post("/api/v1/push-batches", Fixtures.batchBody(lab.gaining, "bulk", lab.setting.domains()))
				.get("batch_id")
				.asString();
			lab.remember(bulk);
			feeder.start();
			Thread.sleep(3000); // pushes flow before the first fault

			KafkaBroker leader = leaderOfMostPartitions(lab, admin);
			loseOneBroker(lab, admin, leader, "the broker leading most partitions (node " + leader.nodeId() + ")");
			Thread.sleep(3000);
			KafkaBroker controller = byId(lab, admin.describeMetadataQuorum().quorumInfo().get().leaderId());
			loseOneBroker(lab, admin, controller, "the active controller (node " + controller.nodeId() + ")");
			Thread.sleep(3000);
			loseTwoBrokers(lab, admin);
		}
		finally {
			feeder.close();
		}
		report.add(feeder.submitted.get() + " stream batches submitted (" + feeder.unanswered.get()
				+ " unanswered or refused while an instance was down)");
	}

	@Override
	public List<String> check(FaultLab lab) {
		report.forEach(line -> lab.say("cluster: %s", line));
		return violations;
	}

	private void loseOneBroker(FaultLab lab, Admin admin, KafkaBroker broker, String which) throws Exception {
		lab.say("    kill -9 %s", which);
		Instant killed = Instant.now();
		broker.kill();
		lab.fault();
		Thread.sleep(10_000); // the outage
		broker.restart();
		awaitFullyReplicated(lab, admin);
		Instant inSync = Instant.now();
		Duration pause = Completions.longestPause(lab, killed.minusSeconds(1), inSync).length();
		String line = String.format("%s: back in sync after %.1f s; longest pause between completions %.1f s", which,
				Duration.between(killed, inSync).toMillis() / 1000.0, pause.toMillis() / 1000.0);
		report.add(line);
		lab.say("    %s", line);
		if (pause.compareTo(MAX_PAUSE) > 0) {
			violations.add("cluster: after losing " + which + " no push completed for " + pause.toSeconds() + " s");
		}
	}

	private void loseTwoBrokers(FaultLab lab, Admin admin) throws Exception {
		List<KafkaBroker> down = List.of(lab.brokers.get(1), lab.brokers.get(2));
		lab.say("    kill -9 brokers %d and %d for %d s; kill -9 push-api-2, push-worker-2, notifier-2", 2, 3,
				lab.setting.brokerDownSeconds());
		Instant killed = Instant.now();
		for (KafkaBroker broker : down) {
			broker.kill();
			lab.fault();
		}
		for (String instance : List.of("push-api-2", "push-worker-2", "notifier-2")) {
			lab.services.kill(instance);
			lab.fault();
		}
		Thread.sleep(lab.setting.brokerDownSeconds() * 1000L); // the outage
		long backlog = lab.db.sql("select count(*) from outbox").query(Long.class).single();
		for (KafkaBroker broker : down) {
			broker.restart();
		}
		Instant restarted = Instant.now();
		long restartedNanos = System.nanoTime();
		long servingNanos = 0;
		for (KafkaBroker broker : down) {
			servingNanos = Math.max(servingNanos, broker.awaitServing());
		}
		Instant serving = restarted.plusNanos(servingNanos - restartedNanos);
		// the outage's backlog published, and pushes completing again
		long drained = Processes
			.waitFor(() -> lab.db.sql("select count(*) from outbox where created_at < cast(:t as timestamptz)")
				.param("t", restarted.toString())
				.query(Long.class)
				.single() == 0 && Completions.after(lab, serving), Duration.ofMinutes(3));
		Instant firstCompletion = Completions.firstAfter(lab, serving);
		awaitFullyReplicated(lab, admin);
		String line = String.format(
				"two brokers down for %d s: outbox held %d unpublished records at the end of the outage; the brokers "
						+ "served %.1f s after their restart; then the first push completed after %.1f s and the "
						+ "backlog was published after %.1f s (goal < %d s%s)",
				lab.setting.brokerDownSeconds(), backlog, (servingNanos - restartedNanos) / 1e9,
				Duration.between(serving, firstCompletion).toMillis() / 1000.0, (drained - servingNanos) / 1e9,
				NetworkFault.RECOVERY_GOAL.toSeconds(),
				Duration.ofNanos(drained - servingNanos).compareTo(NetworkFault.RECOVERY_GOAL) < 0 ? "" : ", MISSED");
		report.add(line);
		lab.say("    %s", line);
		report.add(String.format(
				"two brokers down: longest pause between completions %.1f s (from the kill to "
						+ "the backlog published)",
				Completions.longestPause(lab, killed.minusSeconds(1), Instant.now()).length().toMillis() / 1000.0));
	}

	private static KafkaBroker leaderOfMostPartitions(FaultLab lab, Admin admin) throws Exception {
		Map<Integer, Integer> led = new HashMap<>();
		for (TopicDescription topic : admin.describeTopics(List.of(Topics.REQUESTS, Topics.EVENTS))
			.allTopicNames()
			.get()
			.values()) {
			for (TopicPartitionInfo partition : topic.partitions()) {
				if (partition.leader() != null) {
					led.merge(partition.leader().id(), 1, Integer::sum);
				}
			}
		}
		int most = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		return byId(lab, most);
	}

	private static KafkaBroker byId(FaultLab lab, int nodeId) {
		return lab.brokers.stream().filter(b -> b.nodeId() == nodeId).findFirst().orElseThrow();
	}

	/** Every partition of the system's topics has its three replicas in sync. */
	private static void awaitFullyReplicated(FaultLab lab, Admin admin) throws InterruptedException {
		Processes.waitFor(() -> {
			try {
				return admin.describeTopics(List.of(Topics.REQUESTS, Topics.EVENTS))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.values()
					.stream()
					.flatMap(t -> t.partitions().stream())
					.allMatch(p -> p.isr().size() == 3);
			}
			catch (Exception ex) {
				return false;
			}
		}, Duration.ofMinutes(3));
	}

}
