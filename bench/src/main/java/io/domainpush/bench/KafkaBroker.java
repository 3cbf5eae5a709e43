package io.domainpush.bench;

import io.domainpush.local.LocalKafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kafka broker as its own process, keeping its data across restarts so it can be killed
 * and brought back.
 */
final class KafkaBroker implements AutoCloseable {

	private final List<String> command;

	private final Path logs;

	private final int port;

	private final int nodeId;

	private Process process;

	private Path log;

	private int starts;

	private KafkaBroker(List<String> command, Path logs, int port, int nodeId) {
		this.command = command;
		this.logs = logs;
		this.port = port;
		this.nodeId = nodeId;
	}

	static KafkaBroker start(Path root, Path logs) throws IOException {
		return start(root, logs, List.of());
	}

	/** A broker with more listeners (see {@link LocalKafka.Listener}). */
	static KafkaBroker start(Path root, Path logs, List<LocalKafka.Listener> extra) throws IOException {
		int port = Processes.freePort();
		KafkaBroker broker = new KafkaBroker(
				Processes.kafka(root, port, Files.createTempDirectory("faults-kafka"), extra), logs, port, 1);
		broker.restart();
		return broker;
	}

	/**
	 * A KRaft cluster of {@code size} nodes (combined broker and controller), each its
	 * own process with its own data directory; internal topics replicated to every node
	 * (up to 3) with a minimum in sync of one less.
	 */
	static List<KafkaBroker> cluster(Path root, Path logs, int size) throws IOException {
		List<Integer> brokerPorts = new ArrayList<>();
		List<Integer> controllerPorts = new ArrayList<>();
		StringBuilder voters = new StringBuilder();
		for (int id = 1; id <= size; id++) {
			brokerPorts.add(Processes.freePort());
			controllerPorts.add(Processes.freePort());
			voters.append(id == 1 ? "" : ",").append(id).append("@127.0.0.1:").append(controllerPorts.get(id - 1));
		}
		String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
		List<KafkaBroker> nodes = new ArrayList<>();
		for (int id = 1; id <= size; id++) {
			List<String> command = Processes.kafkaNode(root, id, brokerPorts.get(id - 1), controllerPorts.get(id - 1),
					voters.toString(), clusterId, Files.createTempDirectory("faults-kafka-" + id));
			nodes.add(new KafkaBroker(command, logs, brokerPorts.get(id - 1), id));
		}
		for (KafkaBroker node : nodes) {
			node.restart();
		}
		return nodes;
	}

	int nodeId() {
		return nodeId;
	}

	String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	/** kill -9, as a crash would. */
	void kill() throws InterruptedException {
		process.destroyForcibly().waitFor();
	}

	/** Starts the broker (again) on its data. */
	void restart() throws IOException {
		log = logs.resolve("kafka-" + nodeId + "-" + starts++ + ".log");
		process = Processes.start(log, command, Map.of());
	}

	/**
	 * Waits until the broker serves (its JVM started and its log recovered after a kill
	 * -9); @return when it did ({@link System#nanoTime()})
	 */
	long awaitServing() throws InterruptedException {
		Path current = log;
		return Processes.waitFor(() -> {
			try {
				return Files.readString(current).contains(" up on ");
			}
			catch (IOException ex) {
				return false;
			}
		}, java.time.Duration.ofMinutes(2));
	}

	void pause() throws IOException, InterruptedException {
		Processes.signal(process, "STOP");
	}

	void resume() throws IOException, InterruptedException {
		Processes.signal(process, "CONT");
	}

	@Override
	public void close() {
		process.destroy();
	}

}
