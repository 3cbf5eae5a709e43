package io.domainpush.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How hard the fault suite pushes: the short setting (CI) or {@code --long}; each value
 * can be set alone ({@code --domains=}, {@code --kills=}, {@code --broker-pause=},
 * {@code --pg-outage=}, {@code --smtp-outage=}, {@code --skip-pg}).
 */
record FaultSetting(Path root, String pg, int domains, int kills, int brokerPauseSeconds, List<Integer> pgOutageSeconds,
		int smtpOutageSeconds, boolean skipPg) {

	static FaultSetting of(Options options) {
		boolean full = options.has("long");
		return new FaultSetting(Path.of(options.text("root", ".")),
				options.text("pg", "jdbc:postgresql://127.0.0.1:5432/postgres"),
				options.number("domains", full ? 5000 : 1000), options.number("kills", full ? 10 : 3),
				options.number("broker-pause", full ? 50 : 12),
				full ? List.of(30, 90) : List.of(options.number("pg-outage", 8)),
				options.number("smtp-outage", full ? 60 : 25), options.has("skip-pg"));
	}

}
