package io.domainpush.bench;

import java.util.List;

/**
 * One family of faults: injected in turn while the system runs, checked with the
 * invariants once quiet.
 */
interface FaultScenario {

	/** What is injected, as the suite prints it. */
	String description(FaultLab lab);

	void inject(FaultLab lab) throws Exception;

	/**
	 * Invariants of this family alone, read once the system is quiet; most scenarios have
	 * none.
	 */
	default List<String> check(FaultLab lab) {
		return List.of();
	}

	/**
	 * The suite in order: crash points first (so the notifier's fires before the SMTP
	 * faults whose copies are counted), the database outage last (it stops the machine's
	 * PostgreSQL).
	 */
	static List<FaultScenario> all() {
		return List.of(new CrashPointScenario(), new SmtpFaultScenario(), new SmtpOutageScenario(),
				new ConflictScenario(), new WorkerKillScenario(), new DigestScenario(), new RevocationScenario(),
				new WaitsScenario(), new BrokerScenario(), new DatabaseOutageScenario(), new PoisonScenario());
	}

	/**
	 * The network setting ({@code --network}): black holes, a partition, latency and
	 * loss.
	 */
	static List<FaultScenario> network() {
		return List.of(new NetworkFault());
	}

	/** The cluster setting ({@code --cluster}): the production topology's own faults. */
	static List<FaultScenario> cluster() {
		return List.of(new ClusterScenario());
	}

}
