package io.domainpush.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL stopped (the suite needs it to be its own to stop:
 * {@code --skip-pg} leaves it alone): while it is down a push must be answered 503, never
 * 202.
 */
final class DatabaseOutageScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "PostgreSQL stopped for " + lab.setting.pgOutageSeconds() + " s";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		String version = clusterVersion();
		if (version == null || lab.setting.skipPg()) {
			lab.say("    skipped: no local PostgreSQL cluster to stop, or --skip-pg");
			return;
		}
		for (int seconds : lab.setting.pgOutageSeconds()) {
			Processes.command("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
			int refused = 0;
			for (int i = 6; i <= 8; i++) {
				refused += submitWhileDown(lab, "outage" + i + ".example");
			}
			Thread.sleep(seconds * 1000L); // the outage
			Processes.command("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
			lab.say("    %d of 3 submissions during the outage answered 503", refused);
			lab.fault();
		}
	}

	/**
	 * @return 1 when answered 503, as it must be
	 */
	private static int submitWhileDown(FaultLab lab, String domain) {
		try {
			lab.api.push(domain, lab.gaining);
			lab.violations.add("a push was answered 202 while PostgreSQL was down");
			return 0;
		}
		catch (Exception ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("-> 503")) {
				return 1;
			}
			lab.violations.add("while PostgreSQL was down a push got " + ex.getMessage() + " (503 expected)");
			return 0;
		}
	}

	private static String clusterVersion() throws java.io.IOException {
		Path clusters = Path.of("/etc/postgresql");
		if (!Files.exists(clusters)) {
			return null;
		}
		try (Stream<Path> versions = Files.list(clusters)) {
			return versions.findFirst().map(p -> p.getFileName().toString()).orElse(null);
		}
	}

}
