package io.domainpush.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) running in this JVM:
 * the same server code as a production broker, started from
 * {@code org.apache.kafka:kafka_2.13}. Uses Kafka's server classes directly, which may
 * move between Kafka versions; the version is the one Spring Boot manages.
 */
public final class LocalKafka implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private final Path directory;

	private LocalKafka(KafkaRaftServer server, String bootstrapServers, Path directory) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
		this.directory = directory;
	}

	/**
	 * Starts a broker on {@code port} (0 = any free port) with {@code partitions} per new
	 * topic.
	 */
	public static LocalKafka start(int port, int partitions) {
		try {
			return start(port, partitions, Files.createTempDirectory("domain-push-kafka"), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a broker keeping its log in {@code dir}: started again on the same directory
	 * and port, it comes back with its topics, records and committed offsets (a restart,
	 * as after a crash).
	 */
	public static LocalKafka start(int port, int partitions, Path dir, boolean deleteOnClose) {
		try {
			int brokerPort = port == 0 ? FreePorts.find() : port;
			// the controller port is kept with the data, so that a restart finds the same
			// quorum
			Path controllerPortFile = dir.resolve("controller.port");
			int controllerPort = Files.exists(controllerPortFile)
					? Integer.parseInt(Files.readString(controllerPortFile).trim()) : FreePorts.find();
			Files.createDirectories(dir);
			Files.writeString(controllerPortFile, String.valueOf(controllerPort));
			Properties props = new Properties();
			props.put("process.roles", "broker,controller");
			props.put("node.id", "1");
			props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
			props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
			props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
			props.put("controller.listener.names", "CONTROLLER");
			props.put("inter.broker.listener.name", "PLAINTEXT");
			props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			props.put("log.dirs", dir.resolve("data").toString());
			props.put("num.partitions", String.valueOf(partitions));
			props.put("offsets.topic.replication.factor", "1");
			props.put("offsets.topic.num.partitions", "12");
			props.put("transaction.state.log.replication.factor", "1");
			props.put("transaction.state.log.min.isr", "1");
			props.put("share.coordinator.state.topic.replication.factor", "1");
			props.put("share.coordinator.state.topic.min.isr", "1");
			props.put("group.initial.rebalance.delay.ms", "0");
			props.put("auto.create.topics.enable", "true");
			Files.createDirectories(dir);
			Path config = dir.resolve("server.properties");
			try (Writer out = Files.newBufferedWriter(config)) {
				props.store(out, "domain-push local broker");
			}
			if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
				ByteArrayOutputStream output = new ByteArrayOutputStream();
				int status = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c",
						config.toString(), "--ignore-formatted" },
						new PrintStream(output, true, StandardCharsets.UTF_8));
				if (status != 0) {
					throw new IllegalStateException(
							"kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
				}
			}
			KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
			server.startup();
			return new LocalKafka(server, "127.0.0.1:" + brokerPort, deleteOnClose ? dir : null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String bootstrapServers() {
		return bootstrapServers;
	}

	@Override
	public void close() {
		server.shutdown();
		server.awaitShutdown();
		if (directory != null) {
			FreePorts.deleteQuietly(directory);
		}
	}

}
