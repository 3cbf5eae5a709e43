package io.domainpush.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
		return start(port, partitions, dir, deleteOnClose, List.of());
	}

	/**
	 * The same broker with more listeners: a client that bootstraps through one is given
	 * that listener's advertised address for every broker, so all its traffic takes that
	 * path (the fault suite's network faults cut or slow one client's path this way).
	 */
	public static LocalKafka start(int port, int partitions, Path dir, boolean deleteOnClose,
			List<Listener> extraListeners) {
		try {
			int brokerPort = port == 0 ? FreePorts.find() : port;
			// the controller port is kept with the data, so that a restart finds the same
			// quorum
			Files.createDirectories(dir);
			Path controllerPortFile = dir.resolve("controller.port");
			int controllerPort = Files.exists(controllerPortFile)
					? Integer.parseInt(Files.readString(controllerPortFile).trim()) : FreePorts.find();
			Files.writeString(controllerPortFile, String.valueOf(controllerPort));
			return startNode(new Node(1, brokerPort, controllerPort, "1@127.0.0.1:" + controllerPort,
					Uuid.randomUuid().toString(), 1, extraListeners), partitions, dir, deleteOnClose);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One node of a cluster (combined broker and controller): {@code node.voters} lists
	 * every node's controller as {@code id@127.0.0.1:port}; every node of a cluster is
	 * formatted with the same {@code clusterId}. Internal topics get
	 * {@code node.replication()} copies and a minimum in sync of one less (at least 1),
	 * as do topics created without a setting of their own.
	 */
	public static LocalKafka startNode(Node node, int partitions, Path dir, boolean deleteOnClose) {
		try {
			String replication = String.valueOf(node.replication());
			String minInSync = String.valueOf(Math.max(1, node.replication() - 1));
			Properties props = new Properties();
			props.put("process.roles", "broker,controller");
			props.put("node.id", String.valueOf(node.id()));
			props.put("controller.quorum.voters", node.voters());
			StringBuilder listeners = new StringBuilder(
					"PLAINTEXT://127.0.0.1:" + node.brokerPort() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
			StringBuilder advertised = new StringBuilder("PLAINTEXT://127.0.0.1:" + node.brokerPort());
			StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			for (Listener extra : node.extraListeners()) {
				listeners.append(',').append(extra.name()).append("://127.0.0.1:").append(extra.port());
				advertised.append(',').append(extra.name()).append("://127.0.0.1:").append(extra.advertisedPort());
				protocols.append(',').append(extra.name()).append(":PLAINTEXT");
			}
			props.put("listeners", listeners.toString());
			props.put("advertised.listeners", advertised.toString());
			props.put("controller.listener.names", "CONTROLLER");
			props.put("inter.broker.listener.name", "PLAINTEXT");
			props.put("listener.security.protocol.map", protocols.toString());
			props.put("log.dirs", dir.resolve("data").toString());
			props.put("num.partitions", String.valueOf(partitions));
			props.put("default.replication.factor", replication);
			props.put("min.insync.replicas", minInSync);
			props.put("offsets.topic.replication.factor", replication);
			props.put("offsets.topic.num.partitions", "12");
			props.put("transaction.state.log.replication.factor", replication);
			props.put("transaction.state.log.min.isr", minInSync);
			props.put("share.coordinator.state.topic.replication.factor", replication);
			props.put("share.coordinator.state.topic.min.isr", minInSync);
			props.put("group.initial.rebalance.delay.ms", "0");
			// a broker that restarts after a crash registers again only once the session
			// of
			// its previous incarnation has expired (DUPLICATE_BROKER_REGISTRATION until
			// then),
			// and a dead broker's partitions move only once it is fenced: 4 s instead of
			// Kafka's 9 s shortens both (docs/operations.md, the broker settings)
			props.put("broker.session.timeout.ms", "4000");
			props.put("broker.heartbeat.interval.ms", "1000");
			props.put("auto.create.topics.enable", "true");
			// a replica that fell behind (its broker was down) catches up without an
			// unclean election: only in-sync replicas may lead
			props.put("unclean.leader.election.enable", "false");
			Files.createDirectories(dir);
			Path config = dir.resolve("server.properties");
			try (Writer out = Files.newBufferedWriter(config)) {
				props.store(out, "domain-push local broker " + node.id());
			}
			if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
				ByteArrayOutputStream output = new ByteArrayOutputStream();
				int status = StorageTool.execute(new String[] { "format", "-t", node.clusterId(), "-c",
						config.toString(), "--ignore-formatted" },
						new PrintStream(output, true, StandardCharsets.UTF_8));
				if (status != 0) {
					throw new IllegalStateException(
							"kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
				}
			}
			KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
			server.startup();
			return new LocalKafka(server, "127.0.0.1:" + node.brokerPort(), deleteOnClose ? dir : null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A node of a KRaft cluster on loopback.
	 *
	 * @param voters {@code id@127.0.0.1:controllerPort} of every node, comma-separated
	 * @param replication copies of internal topics (the cluster's size, up to 3)
	 */
	public record Node(int id, int brokerPort, int controllerPort, String voters, String clusterId, int replication,
			List<Listener> extraListeners) {

		public Node(int id, int brokerPort, int controllerPort, String voters, String clusterId, int replication) {
			this(id, brokerPort, controllerPort, voters, clusterId, replication, List.of());
		}

	}

	/**
	 * A listener more on loopback: bound to {@code port}, advertised as
	 * {@code advertisedPort} (another port when a relay stands in front of it).
	 */
	public record Listener(String name, int port, int advertisedPort) {

		/** As the bench's command line writes it: {@code NAME:port:advertisedPort}. */
		public static Listener parse(String text) {
			String[] parts = text.split(":");
			return new Listener(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
		}

		@Override
		public String toString() {
			return name + ":" + port + ":" + advertisedPort;
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
