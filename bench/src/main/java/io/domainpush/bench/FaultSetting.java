package io.domainpush.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How hard the fault suite pushes: the short setting (CI) or {@code --long}; each value
 * can be set alone ({@code --domains=}, {@code --kills=}, {@code --broker-pause=},
 * {@code --pg-outage=}, {@code --smtp-outage=}, {@code --skip-pg}); {@code --cluster}
 * runs the production topology and its faults instead (three brokers, several instances
 * of each service; {@code --brokers-down=} seconds with two brokers down);
 * {@code --network} runs the network faults instead (black holes, a partition, latency
 * and loss: {@link NetworkLab}), each black hole held {@code --hold=} seconds.
 */
record FaultSetting(Path root, String pg, int domains, int kills, int brokerPauseSeconds, List<Integer> pgOutageSeconds,
		int smtpOutageSeconds, boolean skipPg, boolean cluster, int brokerDownSeconds, boolean network,
		int holdSeconds) {

	static FaultSetting of(Options options) {
		boolean full = options.has("long");
		boolean cluster = options.has("cluster");
		boolean network = options.has("network");
		int domains = cluster ? (full ? 10_000 : 2000) : (full ? 5000 : 1000);
		return new FaultSetting(Path.of(options.text("root", ".")),
				options.text("pg", "jdbc:postgresql://127.0.0.1:5432/postgres"), options.number("domains", domains),
				options.number("kills", full ? 10 : 3), options.number("broker-pause", full ? 50 : 12),
				full ? List.of(30, 90) : List.of(options.number("pg-outage", 8)),
				options.number("smtp-outage", full ? 60 : 25), options.has("skip-pg"), cluster,
				options.number("brokers-down", 20), network, options.number("hold", full ? 90 : 40));
	}

}
