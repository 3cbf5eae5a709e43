package io.domainpush.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.domainpush.local.LocalKafka;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark (not part of the test suite): {@code bench/run.sh}. Measures (a) the
 * database floor, (b) the full pipeline as separate processes on N domains of U users
 * (submission → all COMPLETED → all emails accepted by the SMTP server), (c) a
 * one-at-a-time client, and prints the figures, the ratios and each service's peak RSS.
 */
public final class Bench {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OPERATOR = "bench-operator-token-0123456789abcdef";

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("kafka")) {
			runKafka(Integer.parseInt(args[1]), args.length > 2 ? Path.of(args[2]) : null);
			return;
		}
		if (args.length > 0 && args[0].equals("faults")) {
			FaultSuite.run(options(args));
			return;
		}
		Map<String, String> options = options(args);
		int domains = Integer.parseInt(options.getOrDefault("domains", "10000"));
		int users = Integer.parseInt(options.getOrDefault("users", "10"));
		int serial = Integer.parseInt(options.getOrDefault("serial", "200"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "2000"));
		String pg = options.getOrDefault("pg", "jdbc:postgresql://127.0.0.1:5432/postgres");
		Path root = Path.of(options.getOrDefault("root", "."));
		// C1 only: on 2 cores shared by 3 JVMs, Kafka and PostgreSQL, C2 compilation
		// costs more CPU in a
		// short run than it gives back (measured: 11.8 s -> 6.2 s of notifier CPU for
		// 10,000 emails)
		String jvmOptions = options.getOrDefault("jvm", "-XX:TieredStopAtLevel=1");

		double floor = Double.NaN;
		if (!options.containsKey("skip-floor")) {
			say("(a) floor: pipeline SQL batched 500 per transaction, %d domains of %d users", domains, users);
			String floorUrl = Fixtures.createDatabase(pg, "domainpush_bench_floor");
			JdbcClient floorSetup = Fixtures.migrated(floorUrl);
			long floorLosing = Fixtures.company(floorSetup, "Losing", null);
			long floorGaining = Fixtures.company(floorSetup, "Gaining", "noc@example.com");
			floorSetup.sql("insert into push_allowances values (:g, :l)")
				.param("g", floorGaining)
				.param("l", floorLosing)
				.update();
			// best of three runs, each on fresh domains: the ratio is taken against the
			// floor's best showing
			List<Double> floorRuns = new ArrayList<>();
			for (String set : List.of("floora", "floorb", "floorc")) {
				Fixtures.domains(floorSetup, floorLosing, set, domains, users);
				floorRuns
					.add(Floor.pushesPerSecond(Floor.connect(floorUrl), floorLosing, floorGaining, set, domains, 500));
			}
			floor = java.util.Collections.max(floorRuns);
			say("    floor runs: %s pushes/s", floorRuns.stream().map(r -> String.format("%.0f", r)).toList());
			say("    floor: %.0f pushes/s", floor);
		}

		String url = Fixtures.createDatabase(pg, "domainpush_bench");
		JdbcClient db = Fixtures.migrated(url);
		int kafkaPort = freePort();
		List<Process> processes = new ArrayList<>();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroy)));
		try (SmtpSink mail = new SmtpSink()) {
			Path logs = Files.createDirectories(root.resolve("bench/target/logs"));
			processes.add(start(logs.resolve("kafka.log"), List.of(java(), "-Xmx512m", "-jar",
					root.resolve("bench/target/domain-push-bench.jar").toString(), "kafka", String.valueOf(kafkaPort)),
					Map.of()));
			Map<String, String> env = new LinkedHashMap<>();
			env.put("SPRING_DATASOURCE_URL", url);
			env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
			env.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
			env.put("PUSH_SECURITY_OPERATOR_TOKEN", OPERATOR);
			env.put("PUSH_KAFKA_PARTITIONS", "12");
			// the one-at-a-time client polls every 5 ms with one token
			env.put("PUSH_API_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000");
			options.computeIfPresent("worker-concurrency", (k, v) -> env.put("PUSH_WORKER_CONCURRENCY", v));
			options.computeIfPresent("notifier-concurrency", (k, v) -> env.put("PUSH_NOTIFIER_CONCURRENCY", v));
			// extra environment for all services, e.g.
			// --env=SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS=1000
			for (String pair : options.getOrDefault("env", "").split(",")) {
				if (pair.contains("=")) {
					env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
				}
			}
			Map<String, Integer> ports = Map.of("push-api", freePort(), "push-worker", freePort(), "notifier",
					freePort());
			Map<String, Process> services = new LinkedHashMap<>();
			for (String service : List.of("push-worker", "notifier", "push-api")) {
				Map<String, String> own = new LinkedHashMap<>(env);
				own.put("SERVER_PORT", String.valueOf(ports.get(service)));
				List<String> command = new ArrayList<>(
						List.of(java(), "-Xmx256m", "-XX:MaxMetaspaceSize=160m", "-Xss512k", "-XX:+UseSerialGC"));
				command.addAll(List.of(jvmOptions.split(" ")));
				if (service.equals(options.get("profile"))) {
					command.add("-XX:StartFlightRecording=filename=" + logs.resolve(service + ".jfr")
							+ ",settings=profile");
				}
				command.addAll(List.of("-jar",
						root.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar").toString()));
				Process process = start(logs.resolve(service + ".log"), command, own);
				processes.add(process);
				services.put(service, process);
				awaitHealthy(ports.get(service), service);
			}
			Api api = new Api("http://127.0.0.1:" + ports.get("push-api"));
			long losing = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"Bench Losing\",\"cluster\":\"a\"}")
				.get("company_id")
				.asLong();
			long gaining = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"Bench Gaining\",\"cluster\":\"a\"}")
				.get("company_id")
				.asLong();
			api.put("/api/v1/companies/" + gaining + "/domain-push", OPERATOR,
					"{\"allowed_companies\":[" + losing + "],\"notification_email\":\"noc@gaining.example\"}");
			say("    provisioning %d + %d domains of %d users ...", domains, serial, users);
			Fixtures.domains(db, losing, "bulk", domains, users);
			Fixtures.domains(db, losing, "serial", serial, users);
			Fixtures.domains(db, losing, "warm", warmup, users);
			if (warmup > 0) {
				// the services' first pushes run in the interpreter: warm them up as a
				// running system would be
				say("    warm-up: %d pushes through the whole pipeline (not measured)", warmup);
				api.post("/api/v1/push-batches", OPERATOR, batchBody(gaining, "warm", warmup));
				waitFor(() -> mail.acceptedAt().size() >= warmup, Duration.ofMinutes(10));
			}

			say("(b) pipeline: one batch of %d domains through push-api, push-worker, notifier", domains);
			String body = batchBody(gaining, "bulk", domains);
			Map<String, Double> cpuBefore = cpu(services, processes.get(0));
			long[] systemBefore = systemCpu();
			long t0 = System.nanoTime();
			JsonNode batch = api.post("/api/v1/push-batches", OPERATOR, body);
			long accepted = System.nanoTime();
			if (batch.get("accepted").asInt() != domains) {
				throw new IllegalStateException("batch not fully accepted: " + batch.get("rejected"));
			}
			String batchId = batch.get("batch_id").asString();
			long completed = waitFor(() -> db
				.sql("select count(*) from pushes where batch_id = cast(:b as uuid) and status = 'COMPLETED'")
				.param("b", batchId)
				.query(Long.class)
				.single() >= domains, Duration.ofMinutes(10));
			long emailed = waitFor(() -> mail.acceptedAt().size() >= warmup + domains, Duration.ofMinutes(10));
			Map<String, Double> cpuAfter = cpu(services, processes.get(0));
			long[] systemAfter = systemCpu();
			double e2e = domains / ((emailed - t0) / 1e9);
			Map<String, Object> latency = new LinkedHashMap<>(
					db.sql("""
							select percentile_cont(0.5) within group (order by extract(epoch from p.completed_at - p.submitted_at)) as c50,
							       percentile_cont(0.99) within group (order by extract(epoch from p.completed_at - p.submitted_at)) as c99
							  from pushes p where p.batch_id = cast(:b as uuid)""")
						.param("b", batchId)
						.query()
						.singleRow());
			// accept -> email: from the push's acceptance to the SMTP server's 250 for
			// its Message-ID
			List<Double> toEmail = new ArrayList<>();
			db.sql("select push_id::text, extract(epoch from submitted_at) * 1000 from pushes where batch_id = cast(:b as uuid)")
				.param("b", batchId)
				.query((rs, n) -> {
					Long at = mail.acceptedAt().get("<" + rs.getString(1) + "@domain-push>");
					if (at != null) {
						toEmail.add((at - rs.getDouble(2)) / 1000.0);
					}
					return null;
				})
				.list();
			java.util.Collections.sort(toEmail);
			latency.put("e99", toEmail.get((int) Math.ceil(toEmail.size() * 0.99) - 1));

			say("(c) one-at-a-time client: %d pushes, each submitted after the previous one COMPLETED", serial);
			long s0 = System.nanoTime();
			for (int i = 1; i <= serial; i++) {
				String push = api
					.post("/api/v1/pushes", OPERATOR,
							"{\"domain\":\"serial" + i + ".example\",\"gaining_company_id\":" + gaining + "}")
					.get("push_id")
					.asString();
				while (!api.get("/api/v1/pushes/" + push, OPERATOR).get("status").asString().equals("COMPLETED")) {
					Thread.sleep(5); // an eager client: a status request every 5 ms
				}
			}
			double oneAtATime = serial == 0 ? Double.NaN : serial / ((System.nanoTime() - s0) / 1e9);

			System.out.println();
			System.out.println("=== Domain Push benchmark (" + Runtime.getRuntime().availableProcessors()
					+ " cores; services: -Xmx256m -XX:+UseSerialGC " + jvmOptions + ") ===");
			System.out.printf("(a) floor, SQL only, batched 500/tx, best of 3: %8.0f pushes/s%n", floor);
			System.out.printf(
					"(b) end to end, %d domains x %d users (after %d warm-up pushes):  %8.0f pushes/s (accept %.2f s, all COMPLETED %.2f s, all emails %.2f s)%n",
					domains, users, warmup, e2e, (accepted - t0) / 1e9, (completed - t0) / 1e9, (emailed - t0) / 1e9);
			System.out.printf("(c) one at a time, %d pushes:               %8.1f pushes/s%n", serial, oneAtATime);
			System.out.printf("ratio (b)/(a): %.2f  (goal >= 0.5)%n", e2e / floor);
			System.out.printf("ratio (b)/(c): %.1f  (goal >= 20)%n", e2e / oneAtATime);
			System.out.printf("accept->COMPLETED p50 %.3f s, p99 %.3f s; accept->email p99 %.3f s%n",
					number(latency.get("c50")), number(latency.get("c99")), number(latency.get("e99")));
			double busy = 1.0 - (double) (systemAfter[1] - systemBefore[1]) / (systemAfter[0] - systemBefore[0]);
			System.out.printf("during (b): machine CPU busy %.0f%%; CPU seconds:", busy * 100);
			cpuAfter.forEach((name, seconds) -> System.out.printf(" %s %.1f", name, seconds - cpuBefore.get(name)));
			System.out.println();
			System.out.printf("emails accepted by the SMTP server: %d messages, %d distinct Message-IDs%n",
					mail.messages(), mail.acceptedAt().size());
			for (Map.Entry<String, Process> service : services.entrySet()) {
				System.out.printf("%-12s peak RSS %4.0f MiB (goal <= 512), CPU %5.1f s%n", service.getKey(),
						peakRssMiB(service.getValue()), cpuSeconds(service.getValue()));
			}
		}
		finally {
			processes.forEach(Process::destroy);
			for (Process process : processes) {
				process.waitFor();
			}
		}
		System.exit(0);
	}

	static String batchBody(long gaining, String prefix, int count) {
		StringBuilder body = new StringBuilder("{\"gaining_company_id\":" + gaining + ",\"domains\":[");
		for (int i = 1; i <= count; i++) {
			body.append(i == 1 ? "\"" : ",\"").append(prefix).append(i).append(".example\"");
		}
		return body.append("]}").toString();
	}

	private static void runKafka(int port, Path dir) throws InterruptedException {
		LocalKafka kafka = dir == null ? LocalKafka.start(port, 12) : LocalKafka.start(port, 12, dir, false);
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
		System.out.println("kafka up on " + kafka.bootstrapServers());
		Thread.currentThread().join();
	}

	private static double number(Object value) {
		return value == null ? Double.NaN : ((Number) value).doubleValue();
	}

	private static Map<String, Double> cpu(Map<String, Process> services, Process kafka) throws IOException {
		Map<String, Double> cpu = new LinkedHashMap<>();
		for (Map.Entry<String, Process> service : services.entrySet()) {
			cpu.put(service.getKey(), cpuSeconds(service.getValue()));
		}
		cpu.put("kafka", cpuSeconds(kafka));
		cpu.put("harness+smtp", cpuSeconds(ProcessHandle.current().pid()));
		return cpu;
	}

	/** {total, idle} jiffies of the whole machine. */
	private static long[] systemCpu() throws IOException {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long total = 0;
		for (int i = 1; i < fields.length; i++) {
			total += Long.parseLong(fields[i]);
		}
		return new long[] { total, Long.parseLong(fields[4]) + Long.parseLong(fields[5]) };
	}

	static double cpuSeconds(Process process) throws IOException {
		return cpuSeconds(process.pid());
	}

	/**
	 * User + system CPU time the process used so far (from /proc, in clock ticks of 10
	 * ms).
	 */
	static double cpuSeconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	/** VmHWM: the most resident memory the process ever had. */
	static double peakRssMiB(Process process) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
			}
		}
		return Double.NaN;
	}

	static long waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("timed out after " + timeout);
			}
			Thread.sleep(200); // polling granularity of the measurement: 200 ms (each
								// poll costs the database a count)
		}
		return System.nanoTime();
	}

	static void awaitHealthy(int port, String service) throws InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					say("    %s up", service);
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(service + " did not become healthy; see bench/target/logs/" + service + ".log");
	}

	static Process start(Path log, List<String> command, Map<String, String> env) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(env);
		return builder.start();
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else if (arg.startsWith("--")) {
				options.put(arg.substring(2), "true");
			}
		}
		return options;
	}

	static void say(String format, Object... args) {
		System.out.println("[bench] " + String.format(format, args));
	}

	record Api(String base) {

		private static final HttpClient HTTP = HttpClient.newHttpClient();

		JsonNode get(String path, String token) throws IOException, InterruptedException {
			return send("GET", path, token, null);
		}

		JsonNode post(String path, String token, String body) throws IOException, InterruptedException {
			return send("POST", path, token, body);
		}

		JsonNode put(String path, String token, String body) throws IOException, InterruptedException {
			return send("PUT", path, token, body);
		}

		JsonNode send(String method, String path, String token, String body) throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.method(method,
						body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
				.build();
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						method + " " + path + " -> " + response.statusCode() + " " + response.body());
			}
			return JSON.readTree(response.body());
		}

	}

}
