package io.domainpush.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The network faults ({@code faults --network}), one after the other while a stream of
 * batches keeps pushes flowing: each black hole or partition is held, then healed, and
 * its report gives the longest pause between push completions around it and how long
 * after the fault's end completions resumed (goal: under {@link #RECOVERY_GOAL}); the
 * slow paths report drain time and throughput against the same work without the fault, in
 * the same run. A fault needing nftables where it is missing is reported SKIPPED with the
 * reason: never counted as passed.
 */
final class NetworkFault implements FaultScenario {

	static final int STREAM_DOMAINS = 15_000;

	static final Duration RECOVERY_GOAL = Duration.ofSeconds(15);

	/** Domains of each half of the slow-path runs (baseline, then with the fault). */
	static final int SLOW_RUN_DOMAINS = 400;

	private final List<String> report = new ArrayList<>();

	private final List<String> violations = new ArrayList<>();

	@Override
	public String description(FaultLab lab) {
		return "network: black holes (worker <-> PostgreSQL, notifier <-> SMTP mid-DATA, webhook receiver) and a worker "
				+ "<-> Kafka partition, each held " + lab.setting.holdSeconds()
				+ " s; push-api <-> Kafka +200 ms a round trip and 5 %% loss during a bulk push; everything <-> PostgreSQL "
				+ "+20 ms a round trip";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		NetworkLab net = lab.network;
		Duration hold = Duration.ofSeconds(lab.setting.holdSeconds());
		try (BatchStream stream = new BatchStream(lab, List.of(lab.api), "netstream", STREAM_DOMAINS, 20).start()) {
			Thread.sleep(3000); // pushes flow before the first fault
			blackHole(lab, "worker <-> PostgreSQL black hole mid-transaction", Completions.PUSHES, hold,
					() -> net.filter.dropBetween(NetworkLab.WORKER_ADDRESS, net.database.port()));
			blackHole(lab, "worker <-> Kafka partition (longer than the session timeout)", Completions.PUSHES, hold,
					() -> net.filter.dropPort(net.workerKafkaPort));
			smtpBlackHoleMidData(lab, hold);
			blackHole(lab, "webhook receiver black hole", Completions.WEBHOOKS, hold,
					() -> net.filter.dropPort(net.hooks.port()));
		}
		slowApiKafka(lab);
		slowDatabase(lab);
	}

	/** Holds one black hole while pushes flow, heals it, and reports around it. */
	private void blackHole(FaultLab lab, String name, Completions.Flow flow, Duration hold, Opening opening)
			throws Exception {
		if (lab.network.unavailable != null) {
			skipped(lab, name);
			return;
		}
		lab.say("    %s for %d s", name, hold.toSeconds());
		Instant start = Instant.now();
		try (NetFilter.Hole hole = opening.open()) {
			lab.fault();
			Thread.sleep(hold.toMillis()); // the fault's length
		}
		recovered(lab, name, flow, start, Instant.now());
	}

	/**
	 * The SMTP server's port goes black the moment a DATA command arrives: the notifier
	 * is left in the middle of a message.
	 */
	private void smtpBlackHoleMidData(FaultLab lab, Duration hold) throws Exception {
		String name = "notifier <-> SMTP black hole in the middle of DATA";
		if (lab.network.unavailable != null) {
			skipped(lab, name);
			return;
		}
		lab.say("    %s for %d s", name, hold.toSeconds());
		AtomicReference<NetFilter.Hole> hole = new AtomicReference<>();
		AtomicReference<Instant> start = new AtomicReference<>();
		lab.mail.atNextData(() -> {
			try {
				hole.set(lab.network.filter.dropPort(lab.mail.port()));
				start.set(Instant.now());
			}
			catch (java.io.IOException ex) {
				violations.add("SMTP black hole not made: " + ex.getMessage());
			}
		});
		Processes.waitFor(() -> hole.get() != null || !violations.isEmpty(), Duration.ofSeconds(60));
		if (hole.get() == null) {
			return;
		}
		lab.fault();
		Thread.sleep(hold.toMillis()); // the fault's length
		hole.get().close();
		recovered(lab, name, Completions.EMAILS, start.get(), Instant.now());
	}

	/**
	 * The longest pause between completions from the fault's start until 30 s after its
	 * end, and how long after the end completions resumed.
	 */
	private void recovered(FaultLab lab, String name, Completions.Flow flow, Instant start, Instant healed)
			throws InterruptedException {
		Processes.waitFor(() -> flow.after(lab, healed), Duration.ofMinutes(3));
		// what the fault held up (a cut-off worker's partitions, emails, deliveries) is
		// all
		// done this long after its end
		Processes.waitFor(() -> flow.caughtUp(lab, healed), Duration.ofMinutes(5));
		Duration heldUp = Duration.between(healed, Instant.now());
		Processes.waitFor(() -> Instant.now().isAfter(healed.plusSeconds(30)), Duration.ofMinutes(1));
		Completions.Pause pause = flow.longestPause(lab, start, healed.plusSeconds(30));
		Duration recovery = pause.resumedAfter(healed);
		String line = String.format(
				"%s: longest pause between %s %.1f s; they resumed %.1f s after the fault's end (goal < %d s)%s; "
						+ "all that waited at the end done %.1f s after it",
				name, flow.name(), pause.length().toMillis() / 1000.0, recovery.toMillis() / 1000.0,
				RECOVERY_GOAL.toSeconds(), recovery.compareTo(RECOVERY_GOAL) < 0 ? "" : " MISSED",
				heldUp.toMillis() / 1000.0);
		say(lab, line);
	}

	/**
	 * push-api's path to Kafka gets 100 ms each way (200 ms a round trip) and 5 % of
	 * chunks a retransmission more, during a bulk push; the outbox's drain time against
	 * the same bulk push without it.
	 */
	private void slowApiKafka(FaultLab lab) throws Exception {
		Drain[] runs = withAndWithout(lab, "push-api <-> Kafka +200 ms a round trip, 5 % loss", lab.network.apiKafka,
				100, 0.05, "api");
		say(lab, String.format(
				"push-api <-> Kafka +200 ms a round trip, 5 %% loss: outbox of a %d-domain batch "
						+ "drained in %.1f s (%.1f s without), all completed in %.1f s (%.1f s without)",
				SLOW_RUN_DOMAINS, seconds(runs[1].published()), seconds(runs[0].published()),
				seconds(runs[1].completed()), seconds(runs[0].completed())));
	}

	/** Every service's path to PostgreSQL gets 10 ms each way (20 ms a round trip). */
	private void slowDatabase(FaultLab lab) throws Exception {
		Drain[] runs = withAndWithout(lab, "everything <-> PostgreSQL +20 ms a round trip", lab.network.database, 10, 0,
				"pg");
		say(lab, String.format(
				"everything <-> PostgreSQL +20 ms a round trip: %d-domain batch at %.0f pushes/s "
						+ "(%.0f pushes/s without), accepted in %.1f s (%.1f s without)",
				SLOW_RUN_DOMAINS, SLOW_RUN_DOMAINS / seconds(runs[1].completed()),
				SLOW_RUN_DOMAINS / seconds(runs[0].completed()), seconds(runs[1].accepted()),
				seconds(runs[0].accepted())));
	}

	/**
	 * The same batch size through {@code relay} as it is ({@code <prefix>fast} domains),
	 * then slowed ({@code <prefix>slow}): @return the two, in that order
	 */
	private static Drain[] withAndWithout(FaultLab lab, String what, TcpRelay relay, int latencyEachWay, double loss,
			String prefix) throws Exception {
		lab.say("    %s: %d domains as they are, then %d slowed", what, SLOW_RUN_DOMAINS, SLOW_RUN_DOMAINS);
		Drain normal = drain(lab, prefix + "fast");
		relay.slow(latencyEachWay, loss);
		lab.fault();
		try {
			return new Drain[] { normal, drain(lab, prefix + "slow") };
		}
		finally {
			relay.normal();
		}
	}

	private void say(FaultLab lab, String line) {
		report.add(line);
		lab.say("    %s", line);
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/**
	 * One batch of a prefix, timed from its submission: accepted, published, completed.
	 */
	private static Drain drain(FaultLab lab, String prefix) throws Exception {
		long start = System.nanoTime();
		String batch = lab.api.post("/api/v1/push-batches", Fixtures.batchBody(lab.gaining, prefix, SLOW_RUN_DOMAINS))
			.get("batch_id")
			.asString();
		long accepted = System.nanoTime();
		lab.remember(batch);
		long published = Processes
			.waitFor(() -> lab.db.sql("select count(*) from outbox where topic = 'domain-push.requests'")
				.query(Long.class)
				.single() == 0, Duration.ofMinutes(5));
		long completed = Processes.waitFor(() -> lab.db
			.sql("select count(*) from pushes where batch_id = cast(:b as uuid) and status = 'ACCEPTED'")
			.param("b", batch)
			.query(Long.class)
			.single() == 0, Duration.ofMinutes(5));
		return new Drain(Duration.ofNanos(accepted - start), Duration.ofNanos(published - start),
				Duration.ofNanos(completed - start));
	}

	private void skipped(FaultLab lab, String name) {
		say(lab, name + ": SKIPPED, no black holes here (" + lab.network.unavailable + ")");
	}

	/**
	 * Every webhook delivery the notifier recorded DELIVERED reached the endpoint; copies
	 * are counted (a request whose answer the black hole swallowed is sent again: the
	 * receiver dedupes by webhook-id, as Standard Webhooks asks).
	 */
	@Override
	public List<String> check(FaultLab lab) {
		Map<String, AtomicInteger> received = lab.network.hooks.received();
		List<String> delivered = lab.db.sql(
				"select 'msg_' || replace(delivery_id::text, '-', '') from webhook_deliveries where status = 'DELIVERED'")
			.query(String.class)
			.list();
		long missing = delivered.stream().filter((id) -> !received.containsKey(id)).count();
		long copies = received.values().stream().filter((count) -> count.get() > 1).count();
		if (missing > 0) {
			violations.add("webhooks: " + missing + " deliveries recorded DELIVERED never reached the endpoint");
		}
		report.add(String.format("webhooks: %d delivered, %d webhook-ids received, %d of them more than once",
				delivered.size(), received.size(), copies));
		report.forEach((line) -> lab.say("network: %s", line));
		return violations;
	}

	private record Drain(Duration accepted, Duration published, Duration completed) {
	}

	@FunctionalInterface
	private interface Opening {

		NetFilter.Hole open() throws java.io.IOException;

	}

}
