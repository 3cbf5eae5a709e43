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
		Feeder feeder = new Feeder(lab);
		Thread feeding = new Thread(feeder, "cluster-feeder");
		try (Admin admin = Admin.create(props)) {
			awaitFullyReplicated(lab, admin);
			String bulk = lab.api
				.post("/api/v1/push-batches", Fixtures.batchBody(lab.gaining, "bulk", lab.setting.domains()))
				.get("batch_id")
				.asString();
			remember(lab, bulk);
			feeding.start();
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
			feeder.stop = true;
			feeding.join(TimeUnit.SECONDS.toMillis(30));
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
		Duration pause = longestPauseBetweenCompletions(lab, killed.minusSeconds(1), inSync);
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
		// the outage's backlog published, and pushes completing again
		long drained = Processes
			.waitFor(() -> lab.db.sql("select count(*) from outbox where created_at < cast(:t as timestamptz)")
				.param("t", restarted.toString())
				.query(Long.class)
				.single() == 0 && completedAfter(lab, restarted), Duration.ofMinutes(3));
		awaitFullyReplicated(lab, admin);
		String line = String.format(
				"two brokers down for %d s: outbox held %d unpublished records at the end of the outage; "
						+ "writes resumed and the backlog was published %.1f s after the brokers restarted",
				lab.setting.brokerDownSeconds(), backlog, (drained - restartedNanos) / 1e9);
		report.add(line);
		lab.say("    %s", line);
		report.add(String.format(
				"two brokers down: longest pause between completions %.1f s (from the kill to "
						+ "the backlog published)",
				longestPauseBetweenCompletions(lab, killed.minusSeconds(1), Instant.now()).toMillis() / 1000.0));
	}

	private static boolean completedAfter(FaultLab lab, Instant at) {
		return lab.db.sql("select exists (select 1 from pushes where completed_at > cast(:t as timestamptz))")
			.param("t", at.toString())
			.query(Boolean.class)
			.single();
	}

	/**
	 * The longest time between two consecutive push completions (the system's own
	 * timestamps) in the window, counting from its start.
	 */
	private static Duration longestPauseBetweenCompletions(FaultLab lab, Instant from, Instant to) {
		List<OffsetDateTime> completions = lab.db.sql("""
				select completed_at from pushes
				 where completed_at between cast(:from as timestamptz) and cast(:to as timestamptz)
				   and status = 'COMPLETED' order by completed_at""")
			.param("from", from.toString())
			.param("to", to.toString())
			.query(OffsetDateTime.class)
			.list();
		Instant previous = from;
		Duration longest = Duration.ZERO;
		for (OffsetDateTime completion : completions) {
			Duration pause = Duration.between(previous, completion.toInstant());
			if (pause.compareTo(longest) > 0) {
				longest = pause;
			}
			previous = completion.toInstant();
		}
		Duration tail = Duration.between(previous, to);
		return tail.compareTo(longest) > 0 ? tail : longest;
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

	private static void remember(FaultLab lab, String batch) {
		lab.db.sql("select push_id::text from pushes where batch_id = cast(:b as uuid)")
			.param("b", batch)
			.query(String.class)
			.list()
			.forEach(lab.accepted::add);
	}

	/**
	 * Submits a batch of {@value #STREAM_BATCH} stream domains every 500 ms, through the
	 * two push-api instances in turn (as a load balancer would), falling back to the
	 * other when one does not answer.
	 */
	private static final class Feeder implements Runnable {

		final FaultLab lab;

		final AtomicInteger submitted = new AtomicInteger();

		final AtomicInteger unanswered = new AtomicInteger();

		volatile boolean stop;

		Feeder(FaultLab lab) {
			this.lab = lab;
		}

		@Override
		public void run() {
			int next = 1;
			int turn = 0;
			while (!stop && next + STREAM_BATCH - 1 <= STREAM_DOMAINS) {
				String body = Fixtures.batchBody(lab.gaining, "stream", next, STREAM_BATCH);
				next += STREAM_BATCH;
				List<Api> order = turn++ % 2 == 0 ? List.of(lab.api, lab.secondApi) : List.of(lab.secondApi, lab.api);
				for (Api api : order) {
					try {
						remember(lab, api.post("/api/v1/push-batches", body).get("batch_id").asString());
						submitted.incrementAndGet();
						break;
					}
					catch (Exception ex) {
						// this instance is down (or the other one took the batch before
						// dying): a domain already queued is refused up front the second
						// time, never pushed twice
						unanswered.incrementAndGet();
					}
				}
				try {
					Thread.sleep(500); // the stream's pace
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

}
