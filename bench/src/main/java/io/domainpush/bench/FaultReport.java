package io.domainpush.bench;

import java.util.List;

/**
 * What the fault suite prints at the end: outcomes, faults, restarts, pushes, emails,
 * violations.
 */
final class FaultReport {

	private FaultReport() {
	}

	static void print(FaultLab lab, List<String> violations) {
		lab.db.sql("""
				select status || ' ' || coalesce(reason, '') || ' ' || count(*) from pushes
				 group by status, reason order by 1""")
			.query(String.class)
			.list()
			.forEach(line -> lab.say("    outcome %s", line));
		lab.db.sql("select status || ' ' || count(*) from notifications group by status order by 1")
			.query(String.class)
			.list()
			.forEach(line -> lab.say("    notification %s", line));
		FaultSetting setting = lab.setting;
		System.out.println();
		if (setting.network()) {
			System.out.printf("faults injected: %d (network: black holes held %d s, a partition, latency and loss); "
					+ "restarts: %d%n", lab.faults.get(), setting.holdSeconds(), lab.services.restarts());
		}
		else if (setting.cluster()) {
			System.out.printf("faults injected: %d (kill -9 of the broker leading most partitions, of the active "
					+ "controller, of two brokers for %d s, and of one push-api, push-worker and notifier); restarts: %d%n",
					lab.faults.get(), setting.brokerDownSeconds(), lab.services.restarts());
		}
		else {
			System.out.printf("faults injected: %d (%d crash points fired, %d kill -9 of workers, %d SMTP faults, "
					+ "SMTP outage %d s, 5 conflicts, scale-out, 2 kill -9 of the notifier during a digest batch, revocation, "
					+ "broker kill and pause, PostgreSQL outages %s, " + "%d poison records); restarts: %d%n",
					lab.faults.get() + lab.services.crashes(), lab.services.crashes(), setting.kills(),
					FaultLab.SMTP_BEHAVIOURS.size(), setting.smtpOutageSeconds(),
					setting.skipPg() ? "skipped" : setting.pgOutageSeconds(), PoisonScenario.POISON.size(),
					lab.services.restarts());
		}
		System.out.printf(
				"pushes: %d accepted with 202, %d in the database; emails: %d messages, %d distinct Message-IDs%n",
				lab.accepted.size(), lab.db.sql("select count(*) from pushes").query(Long.class).single(),
				lab.mail.messages(), lab.mail.acceptedAt().size());
		System.out.printf("violations: %d%n", violations.size());
		violations.forEach(violation -> System.out.println("  " + violation));
	}

}
