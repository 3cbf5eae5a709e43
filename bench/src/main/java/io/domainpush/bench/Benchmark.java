package io.domainpush.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.local.LocalZipkin;
import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.push.PushStatus;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark ({@code bench/run.sh}, not part of the tests): (a) the database floor,
 * (b) the whole pipeline as separate processes on N domains of U users (submission, all
 * COMPLETED, all emails accepted by the SMTP server), (c) a one-at-a-time client; then
 * the figures, the ratios and each service's peak RSS and CPU.
 */
final class Benchmark {

	static final String OPERATOR = "bench-operator-token-0123456789abcdef";

	private final Options options;

	private final int domains;

	private final int users;

	private final int serial;

	private final int warmup;

	private final String pg;

	private final Path root;

	/** Runs the floor on fresh domains; null until {@link #floor()} made its database. */
	private FloorRun floorRun;

	/** Milliseconds of one push's statements alone (floor of the latency mode). */
	private double singlePushFloorMillis = Double.NaN;

	private static final int PLANNED_MOMENTS = 5;

	private static final int PLANNED_PER_MOMENT = 10;

	private Benchmark(Options options) {
		this.options = options;
		this.domains = options.number("domains", 10_000);
		this.users = options.number("users", 10);
		this.serial = options.number("serial", 200);
		this.warmup = options.number("warmup", 2000);
		this.pg = options.text("pg", "jdbc:postgresql://127.0.0.1:5432/postgres");
		this.root = Path.of(options.text("root", "."));
	}

	private final Map<String, String> tracingEnvironment = new LinkedHashMap<>();

	/** The run's own Zipkin ({@code --tracing}), or null. */
	private String zipkinBaseUrl;

	static void run(Options options) throws Exception {
		new Benchmark(options).run();
	}

	private void run() throws Exception {
		double floor = options.has("skip-floor") ? Double.NaN : floor();
		String url = Fixtures.createDatabase(pg, "domainpush_bench");
		JdbcClient db = Fixtures.migrated(url);
		// C1 only: on 2 cores shared by 3 JVMs, Kafka and PostgreSQL, C2 compilation
		// costs more CPU in a short
		// run than it gives back (measured: 11.8 s -> 6.2 s of notifier CPU for 10,000
		// emails)
		List<String> jvm = List.of(options.text("jvm", "-XX:TieredStopAtLevel=1").split(" "));
		Path logs = Files.createDirectories(root.resolve("bench/target/logs"));
		try (MailSink mail = mailSink(logs);
				AutoCloseable zipkin = tracing();
				Services services = Services.start(root, logs, environment(url, mail), jvm,
						options.text("profile", null))) {
			Api api = new Api("http://127.0.0.1:" + services.port("push-api"), OPERATOR);
			long losing = api.company("Bench Losing");
			long gaining = api.company("Bench Gaining");
			api.allow(gaining, "noc@gaining.example", losing);
			provision(db, losing, api, gaining, mail);
			Pipeline pipeline = pipeline(db, api, gaining, mail, services, "bulk");
			Fixtures.settle(db);
			double oneAtATime = oneAtATime(api, gaining);
			report(db, floor, pipeline, oneAtATime, String.join(" ", jvm), mail, services);
			System.out.println("(f) single push at light load (the " + serial + " pushes of (c))");
			new CostCurves(db, api, losing, gaining, mail, services)
				.singlePushLatency("serial", singlePushFloorMillis, services.bootstrapServers())
				.forEach(System.out::println);
			alone(api, gaining, mail);
			System.out.println("(f) single push with nothing else in flight (" + serial
					+ " pushes, each submitted once the previous one's email arrived)");
			new CostCurves(db, api, losing, gaining, mail, services)
				.singlePushLatency("alone", singlePushFloorMillis, services.bootstrapServers())
				.forEach(System.out::println);
			if (zipkinBaseUrl != null) {
				System.out.println("(f) where the time of the pushes of (c) goes, from their traces:");
				new TraceTimeline(zipkinBaseUrl).of(db, "serial", mail).forEach(System.out::println);
			}
			planned(db, api, gaining);
			if (options.number("pairs", 3) > 0) {
				pairs(options.number("pairs", 3), db, losing, api, gaining, mail, services);
			}
			if (options.has("curves")) {
				curves(new CostCurves(db, api, losing, gaining, mail, services), services);
			}
		}
		System.exit(0);
	}

	/**
	 * The SMTP server in its own process, as users' mail servers are
	 * ({@code --sink=in-process}: inside the measuring JVM, for comparison).
	 */
	private MailSink mailSink(Path logs) throws java.io.IOException {
		if (options.text("sink", "process").equals("in-process")) {
			say("SMTP server: in the benchmark's own JVM");
			return new SmtpSink();
		}
		say("SMTP server: its own process");
		return SmtpSinkProcess.start(root, logs.resolve("smtp-sink.log"));
	}

	/**
	 * {@code --tracing=P}: every service samples a share P of traces and exports them to
	 * a Zipkin server of the run's own; without it the services' defaults hold (0.1
	 * sampled, nothing exported).
	 */
	private AutoCloseable tracing() {
		String probability = options.text("tracing", null);
		if (probability == null) {
			say("tracing: the services' defaults (sampling 0.1, no export)");
			return () -> {
			};
		}
		LocalZipkin zipkin = LocalZipkin.start(root.resolve("local").resolve(LocalZipkin.JAR), 0,
				root.resolve("bench/target/logs/zipkin.log"));
		zipkinBaseUrl = zipkin.baseUrl();
		tracingEnvironment.put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", probability);
		tracingEnvironment.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "true");
		tracingEnvironment.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", zipkin.spansEndpoint());
		say("tracing: sampling %s, exported to Zipkin at %s", probability, zipkin.uiUrl());
		return zipkin;
	}

	/**
	 * (a): the best of three runs, each on fresh domains: the ratio is taken against its
	 * best showing.
	 */
	private double floor() throws Exception {
		say("(a) floor: the pipeline's own statements, batched 500 per transaction, %d domains of %d users", domains,
				users);
		String url = Fixtures.createDatabase(pg, "domainpush_bench_floor");
		JdbcClient setup = Fixtures.migrated(url);
		long losing = Fixtures.company(setup, "Losing", null);
		long gaining = Fixtures.company(setup, "Gaining", "noc@example.com");
		setup.sql("insert into push_allowances values (:g, :l)").param("g", gaining).param("l", losing).update();
		floorRun = set -> {
			Fixtures.domains(setup, losing, set, domains, users);
			Fixtures.settle(setup);
			return Floor.connect(url).pushesPerSecond(gaining, set, domains, 500);
		};
		List<Double> runs = new ArrayList<>();
		for (String set : List.of("floora", "floorb", "floorc")) {
			runs.add(floorRun.on(set));
		}
		say("    floor runs: %s pushes/s", runs.stream().map(r -> String.format("%.0f", r)).toList());
		Fixtures.domains(setup, losing, "floorsingle", serial, users);
		Fixtures.settle(setup);
		singlePushFloorMillis = 1000.0 / Floor.connect(url).pushesPerSecond(gaining, "floorsingle", serial, 1);
		return Collections.max(runs);
	}

	private Map<String, String> environment(String url, MailSink mail) {
		Map<String, String> env = Services.environment(url, mail, OPERATOR);
		env.put("PUSH_KAFKA_PARTITIONS", "12");
		env.putAll(tracingEnvironment);
		options.values().computeIfPresent("worker-concurrency", (k, v) -> env.put("PUSH_WORKER_CONCURRENCY", v));
		options.values().computeIfPresent("notifier-concurrency", (k, v) -> env.put("PUSH_NOTIFIER_CONCURRENCY", v));
		// extra environment for all services, e.g.
		// --env=SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS=1000
		for (String pair : options.text("env", "").split(",")) {
			if (pair.contains("=")) {
				env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		return env;
	}

	/**
	 * The domains of (b) and (c), and a warm-up: the services' first pushes run in the
	 * interpreter.
	 */
	private void provision(JdbcClient db, long losing, Api api, long gaining, MailSink mail) throws Exception {
		say("    provisioning %d + %d domains of %d users ...", domains, serial, users);
		Fixtures.domains(db, losing, "bulk", domains, users);
		Fixtures.domains(db, losing, "serial", serial, users);
		Fixtures.domains(db, losing, "alone", serial, users);
		Fixtures.domains(db, losing, "warm", warmup, users);
		Fixtures.domains(db, losing, "planned", PLANNED_MOMENTS * PLANNED_PER_MOMENT, users);
		if (warmup > 0) {
			say("    warm-up: %d pushes through the whole pipeline (not measured)", warmup);
			api.post("/api/v1/push-batches", Fixtures.batchBody(gaining, "warm", warmup));
			Processes.waitFor(() -> mail.acceptedAt().size() >= warmup, Duration.ofMinutes(10));
		}
	}

	/**
	 * (b): one batch through push-api, push-worker and notifier, until every email is
	 * accepted.
	 */
	private Pipeline pipeline(JdbcClient db, Api api, long gaining, MailSink mail, Services services, String prefix)
			throws Exception {
		say("(b) pipeline: one batch of %d domains through push-api, push-worker, notifier", domains);
		Fixtures.settle(db);
		String body = Fixtures.batchBody(gaining, prefix, domains);
		int emailedBefore = mail.acceptedAt().size();
		Map<String, Double> cpuBefore = services.cpu(mail);
		long[] systemBefore = Processes.systemCpu();
		long t0 = System.nanoTime();
		long startMillis = System.currentTimeMillis();
		JsonNode batch = api.post("/api/v1/push-batches", body);
		long accepted = System.nanoTime();
		if (batch.get("accepted").asInt() != domains) {
			throw new IllegalStateException("batch not fully accepted: " + batch.get("rejected_by_code"));
		}
		String batchId = batch.get("batch_id").asString();
		// the harness watches the SMTP server's count in memory and leaves the database
		// to
		// the pipeline while (b) runs; the milestones come from the system's own
		// timestamps
		// afterwards (polling for them would add up to its 200 ms period)
		Processes.waitFor(() -> mail.acceptedAt().size() >= emailedBefore + domains, Duration.ofMinutes(10));
		// emails of earlier work still arriving count too: then wait for this batch's own
		List<UUID> pushes = db.sql("select push_id from pushes where batch_id = cast(:b as uuid)")
			.param("b", batchId)
			.query(UUID.class)
			.list();
		Processes.waitFor(() -> pushes.stream().allMatch(push -> mail.acceptedAt().containsKey(MessageIds.of(push))),
				Duration.ofMinutes(10));
		Map<String, Double> cpu = new LinkedHashMap<>();
		services.cpu(mail).forEach((name, seconds) -> cpu.put(name, seconds - cpuBefore.get(name)));
		long[] systemAfter = Processes.systemCpu();
		long lastCompleted = lastCompletedMillis(db, batchId);
		long lastEmail = lastEmailMillis(pushes, mail);
		say("    (b) ran from %s to %s", Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(lastEmail));
		double busy = 1.0 - (double) (systemAfter[1] - systemBefore[1]) / (systemAfter[0] - systemBefore[0]);
		double emailed = (lastEmail - startMillis) / 1000.0;
		return new Pipeline(domains / emailed, (accepted - t0) / 1e9, (lastCompleted - startMillis) / 1000.0, emailed,
				latencies(db, batchId, mail), busy, cpu);
	}

	/** When the batch's last push COMPLETED (the worker's timestamp); all must have. */
	private long lastCompletedMillis(JdbcClient db, String batchId) {
		return db.sql("""
				select count(*) filter (where status = :completed), extract(epoch from max(completed_at)) * 1000
				  from pushes where batch_id = cast(:b as uuid)""")
			.param("b", batchId)
			.param("completed", PushStatus.COMPLETED.name())
			.query((rs, n) -> {
				if (rs.getLong(1) != domains) {
					throw new IllegalStateException(rs.getLong(1) + " of " + domains + " pushes COMPLETED");
				}
				return (long) rs.getDouble(2);
			})
			.single();
	}

	/** When the SMTP server accepted the batch's last email. */
	private static long lastEmailMillis(List<UUID> pushes, MailSink mail) {
		return pushes.stream().mapToLong(push -> mail.acceptedAt().get(MessageIds.of(push))).max().orElseThrow();
	}

	/**
	 * Accept to COMPLETED (p50, p99) from the system's timestamps; accept to the SMTP
	 * server's 250 (p99).
	 */
	private static Map<String, Double> latencies(JdbcClient db, String batchId, MailSink mail) {
		Map<String, Double> latency = new LinkedHashMap<>();
		db.sql("""
				select percentile_cont(0.5) within group (order by extract(epoch from completed_at - submitted_at)),
				       percentile_cont(0.99) within group (order by extract(epoch from completed_at - submitted_at))
				  from pushes where batch_id = cast(:b as uuid)""").param("b", batchId).query((rs, n) -> {
			latency.put("c50", rs.getDouble(1));
			latency.put("c99", rs.getDouble(2));
			return null;
		}).list();
		List<Double> toEmail = new ArrayList<>();
		db.sql("select push_id, extract(epoch from submitted_at) * 1000 from pushes where batch_id = cast(:b as uuid)")
			.param("b", batchId)
			.query((rs, n) -> {
				Long at = mail.acceptedAt().get(MessageIds.of(rs.getObject(1, UUID.class)));
				return at == null ? null : toEmail.add((at - rs.getDouble(2)) / 1000.0);
			})
			.list();
		Collections.sort(toEmail);
		latency.put("e99", toEmail.get((int) Math.ceil(toEmail.size() * 0.99) - 1));
		return latency;
	}

	/**
	 * (c): each push submitted after the previous one COMPLETED, by a client asking every
	 * 5 ms.
	 */
	private double oneAtATime(Api api, long gaining) throws Exception {
		say("(c) one-at-a-time client: %d pushes, each submitted after the previous one COMPLETED", serial);
		long start = System.nanoTime();
		for (int i = 1; i <= serial; i++) {
			String push = api.push("serial" + i + ".example", gaining);
			while (!PushStatus.COMPLETED.name().equals(api.get("/api/v1/pushes/" + push).get("status").asString())) {
				Thread.sleep(5); // an eager client: a status request every 5 ms
			}
		}
		return serial == 0 ? Double.NaN : serial / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * One push at a time with nothing else in flight: each submitted once the SMTP server
	 * accepted the previous one's email, and no status requests (in (c) the next push and
	 * its status requests run while the previous one's event and email are under way).
	 */
	private void alone(Api api, long gaining, MailSink mail) throws Exception {
		say("(f) %d pushes one at a time, each after the previous one's email", serial);
		for (int i = 1; i <= serial; i++) {
			String messageId = MessageIds.of(UUID.fromString(api.push("alone" + i + ".example", gaining)));
			// the SMTP server's acceptances as its process reported them, in memory
			Processes.waitFor(() -> mail.acceptedAt().containsKey(messageId), Duration.ofSeconds(30),
					Duration.ofMillis(2));
		}
	}

	/**
	 * (g): pushes planned for a time, at light load: {@value #PLANNED_PER_MOMENT} pushes
	 * planned for each of {@value #PLANNED_MOMENTS} moments a second apart; the delay
	 * from the planned time to COMPLETED, as the database recorded both.
	 */
	private void planned(JdbcClient db, Api api, long gaining) throws Exception {
		Instant first = Instant.now().plusSeconds(3);
		int n = 0;
		for (int moment = 0; moment < PLANNED_MOMENTS; moment++) {
			for (int i = 0; i < PLANNED_PER_MOMENT; i++) {
				n++;
				api.post("/api/v1/pushes", "{\"domain\":\"planned" + n + ".example\",\"gaining_company_id\":" + gaining
						+ ",\"not_before\":\"" + first.plusSeconds(moment) + "\"}");
			}
		}
		int total = n;
		Processes.waitFor(
				() -> db.sql("select count(*) from pushes where domain_name like 'planned%' and status = 'COMPLETED'")
					.query(Long.class)
					.single() == total,
				Duration.ofMinutes(2));
		Map<String, Object> delay = db.sql("""
				select percentile_cont(0.5) within group (order by ms) as p50,
				       percentile_cont(0.95) within group (order by ms) as p95, max(ms) as max
				  from (select extract(epoch from completed_at - not_before) * 1000 as ms
				          from pushes where domain_name like 'planned%') d""").query().singleRow();
		System.out.printf(
				"(g) planned pushes, %d for each of %d moments: planned time -> COMPLETED p50 %.0f ms, "
						+ "p95 %.0f ms, max %.0f ms%n",
				PLANNED_PER_MOMENT, PLANNED_MOMENTS, ((Number) delay.get("p50")).doubleValue(),
				((Number) delay.get("p95")).doubleValue(), ((Number) delay.get("max")).doubleValue());
	}

	/**
	 * {@code --pairs=N} (3; 0: none): (a) and (b) alternating N times, each on fresh
	 * domains, so that a machine whose speed drifts moves both sides of a ratio alike;
	 * prints each pair and the median ratio with its spread, the figure the goal is on.
	 */
	private void pairs(int pairs, JdbcClient db, long losing, Api api, long gaining, MailSink mail, Services services)
			throws Exception {
		if (floorRun == null) {
			say("pairs: none without the floor (--skip-floor)");
			return;
		}
		List<Double> ratios = new ArrayList<>();
		for (int i = 1; i <= pairs; i++) {
			double a = floorRun.on("floorpair" + i);
			Fixtures.domains(db, losing, "pair" + i + "-", domains, users);
			double b = pipeline(db, api, gaining, mail, services, "pair" + i + "-").perSecond();
			ratios.add(b / a);
			System.out.printf("pair %d: (a) %.0f pushes/s, (b) %.0f pushes/s, (b)/(a) %.2f%n", i, a, b, b / a);
		}
		List<Double> sorted = ratios.stream().sorted().toList();
		double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
				: (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
		System.out.printf("ratio (b)/(a) over %d interleaved pairs: median %.2f, spread %.2f-%.2f  (goal >= 0.6)%n",
				pairs, median, sorted.get(0), sorted.get(sorted.size() - 1));
	}

	/** One floor run on a fresh set of domains named by the prefix; @return pushes/s */
	@FunctionalInterface
	private interface FloorRun {

		double on(String set) throws Exception;

	}

	private void report(JdbcClient db, double floor, Pipeline b, double c, String jvm, MailSink mail, Services services)
			throws Exception {
		System.out.println();
		System.out.println("=== Domain Push benchmark (" + Runtime.getRuntime().availableProcessors()
				+ " cores; services: -Xmx256m -XX:+UseSerialGC " + jvm + ") ===");
		System.out.printf("PostgreSQL autovacuum: %s (the database is vacuumed before each measured run)%n",
				Fixtures.autovacuum(db));
		System.out.printf("(a) floor, pipeline statements, batched 500/tx, best of 3: %8.0f pushes/s%n", floor);
		System.out.printf(
				"(b) end to end, %d domains x %d users (after %d warm-up pushes):  %8.0f pushes/s (accept %.2f s, all COMPLETED %.2f s, all emails %.2f s)%n",
				domains, users, warmup, b.perSecond(), b.accepted(), b.completed(), b.emailed());
		System.out.printf("(c) one at a time, %d pushes:               %8.1f pushes/s%n", serial, c);
		System.out.printf("ratio (b)/(a): %.2f  (this (b) against the best floor; the goal is on the pairs below)%n",
				b.perSecond() / floor);
		System.out.printf("ratio (b)/(c): %.1f  (goal >= 20)%n", b.perSecond() / c);
		System.out.printf("accept->COMPLETED p50 %.3f s, p99 %.3f s; accept->email p99 %.3f s%n",
				b.latency().get("c50"), b.latency().get("c99"), b.latency().get("e99"));
		System.out.printf("during (b): machine CPU busy %.0f%%; CPU seconds:", b.busy() * 100);
		b.cpu().forEach((name, seconds) -> System.out.printf(" %s %.1f", name, seconds));
		System.out.println();
		System.out.printf("emails accepted by the SMTP server: %d messages, %d distinct Message-IDs%n", mail.messages(),
				mail.acceptedAt().size());
		for (Map.Entry<String, Process> service : services.processes().entrySet()) {
			System.out.printf("%-12s peak RSS %4.0f MiB (goal <= 512), CPU %5.1f s%n", service.getKey(),
					Processes.peakRssMiB(service.getValue()), Processes.cpuSeconds(service.getValue().pid()));
		}
	}

	/**
	 * (d), (e): the cost curves, printed as tables (docs/performance.md).
	 */
	private void curves(CostCurves curves, Services services) throws Exception {
		List<String> users = curves.usersPerDomain(options.number("curve-domains", 2000), List.of(1, 10, 100, 1000),
				options.number("curve-rounds", 3));
		List<String> batches = curves.domainsInOneBatch(List.of(1000, 10_000, 100_000));
		System.out.println();
		System.out.println("(d) users per domain, " + options.number("curve-domains", 2000)
				+ " domains in one batch, median of " + options.number("curve-rounds", 3)
				+ " rounds (goal: pushes/s flat within 15 %; no user or message row touched)");
		users.forEach(System.out::println);
		System.out.println();
		System.out
			.println("(e) domains in one batch, 1 user each (goal: time linear; peak RSS <= 512 MiB per service)");
		batches.forEach(System.out::println);
	}

	private static void say(String format, Object... args) {
		Bench.say(format, args);
	}

	/**
	 * What (b) measured: pushes/s end to end, seconds to each milestone, latencies, CPU.
	 */
	private record Pipeline(double perSecond, double accepted, double completed, double emailed,
			Map<String, Double> latency, double busy, Map<String, Double> cpu) {
	}

}
