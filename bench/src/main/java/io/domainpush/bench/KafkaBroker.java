package io.domainpush.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

	private Process process;

	private int starts;

	private KafkaBroker(Path root, Path logs, int port, Path dir) {
		this.command = Processes.kafka(root, port, dir);
		this.logs = logs;
		this.port = port;
	}

	static KafkaBroker start(Path root, Path logs) throws IOException {
		KafkaBroker broker = new KafkaBroker(root, logs, Processes.freePort(),
				Files.createTempDirectory("faults-kafka"));
		broker.restart();
		return broker;
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
		process = Processes.start(logs.resolve("kafka-" + starts++ + ".log"), command, Map.of());
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
