package io.domainpush.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Starting, watching and measuring the processes of the benchmark and the fault suite.
 */
final class Processes {

	private Processes() {
	}

	static Process start(Path log, List<String> command, Map<String, String> env) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(env);
		return builder.start();
	}

	/** A service from its executable jar, with the JVM options the measurements use. */
	static List<String> service(Path root, String service, String heap, List<String> jvmOptions) {
		List<String> command = new java.util.ArrayList<>(List.of(java(), heap, "-XX:+UseSerialGC"));
		command.addAll(jvmOptions);
		command.addAll(
				List.of("-jar", root.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar").toString()));
		return command;
	}

	/**
	 * A Kafka broker (KRaft) as its own process, from this jar; {@code dir} keeps its
	 * data across restarts.
	 */
	static List<String> kafka(Path root, int port, Path dir, List<io.domainpush.local.LocalKafka.Listener> extra) {
		List<String> command = new java.util.ArrayList<>(List.of(java(), "-Xmx512m", "-jar",
				root.resolve("bench/target/domain-push-bench.jar").toString(), "kafka", String.valueOf(port)));
		if (dir != null) {
			command.add(dir.toString());
			extra.forEach((listener) -> command.add(listener.toString()));
		}
		return command;
	}

	/** One node of a KRaft cluster on loopback ({@code kafka-node}, see Bench). */
	static List<String> kafkaNode(Path root, int id, int brokerPort, int controllerPort, String voters,
			String clusterId, Path dir) {
		return List.of(java(), "-Xmx512m", "-jar", root.resolve("bench/target/domain-push-bench.jar").toString(),
				"kafka-node", String.valueOf(id), String.valueOf(brokerPort), String.valueOf(controllerPort), voters,
				clusterId, dir.toString());
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
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
					Bench.say("    %s up", service);
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(service + " did not become healthy; see its log in bench/target/");
	}

	/** Polls until {@code condition} holds; @return {@link System#nanoTime()} then */
	static long waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		// polling granularity: each poll costs the database a count
		return waitFor(condition, timeout, Duration.ofMillis(200));
	}

	/** {@link #waitFor(BooleanSupplier, Duration)}, looking every {@code every}. */
	static long waitFor(BooleanSupplier condition, Duration timeout, Duration every) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("timed out after " + timeout);
			}
			Thread.sleep(every.toMillis());
		}
		return System.nanoTime();
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

	/** {total, idle} jiffies of the whole machine. */
	static long[] systemCpu() throws IOException {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long total = 0;
		for (int i = 1; i < fields.length; i++) {
			total += Long.parseLong(fields[i]);
		}
		return new long[] { total, Long.parseLong(fields[4]) + Long.parseLong(fields[5]) };
	}

	/** Sends a signal (STOP, CONT) to the process. */
	static void signal(Process process, String signal) throws IOException, InterruptedException {
		command("kill", "-" + signal, String.valueOf(process.pid()));
	}

	static void command(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed");
		}
	}

}
