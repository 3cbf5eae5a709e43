package io.domainpush.bench;

import java.nio.file.Path;

import io.domainpush.local.LocalKafka;

/**
 * The entry point of {@code bench/target/domain-push-bench.jar}: the benchmark (default),
 * the fault suite ({@code faults}), the platform-sized data set ({@code scale}), a
 * million-domain migration ({@code migration}), or a Kafka broker
 * ({@code kafka PORT [DIR]}) or the benchmark's SMTP server ({@code smtp-sink}) as its
 * own process.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("kafka")) {
			// kafka <port> [<dir> [NAME:port:advertisedPort ...]]
			runKafka(Integer.parseInt(args[1]), args.length > 2 ? Path.of(args[2]) : null,
					java.util.Arrays.stream(args).skip(3).map(LocalKafka.Listener::parse).toList());
		}
		else if (args.length > 0 && args[0].equals("kafka-node")) {
			// kafka-node <id> <broker port> <controller port> <voters> <cluster id> <dir>
			runKafkaNode(new LocalKafka.Node(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
					Integer.parseInt(args[3]), args[4], args[5], 3), Path.of(args[6]));
		}
		else if (args.length > 0 && args[0].equals("faults")) {
			FaultSuite.run(Options.parse(args));
		}
		else if (args.length > 0 && args[0].equals("smtp-sink")) {
			SmtpSinkProcess.serve();
		}
		else if (args.length > 0 && args[0].equals("migration")) {
			MigrationBenchmark.run(Options.parse(args));
		}
		else if (args.length > 0 && args[0].equals("scale")) {
			ScaleBenchmark.run(Options.parse(args));
		}
		else {
			Benchmark.run(Options.parse(args));
		}
	}

	private static void runKafka(int port, Path dir, java.util.List<LocalKafka.Listener> extra)
			throws InterruptedException {
		LocalKafka kafka = dir == null ? LocalKafka.start(port, 12) : LocalKafka.start(port, 12, dir, false, extra);
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
		System.out.println("kafka up on " + kafka.bootstrapServers());
		Thread.currentThread().join();
	}

	private static void runKafkaNode(LocalKafka.Node node, Path dir) throws InterruptedException {
		LocalKafka kafka = LocalKafka.startNode(node, 12, dir, false);
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
		System.out.println("kafka node " + node.id() + " up on " + kafka.bootstrapServers());
		Thread.currentThread().join();
	}

	static void say(String format, Object... args) {
		System.out.println("[bench] " + String.format(format, args));
	}

}
