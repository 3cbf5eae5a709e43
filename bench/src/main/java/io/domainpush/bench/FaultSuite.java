package io.domainpush.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fault suite: the services run as separate processes on loopback ({@link FaultLab});
 * each {@link FaultScenario} injects its faults in turn while pushes flow; once the
 * system is quiet the {@link Invariants} I1–I7 and each scenario's own checks are read.
 * Exits 0 without violations, 1 with. Run:
 * {@code java -jar bench/target/domain-push-bench.jar faults [--long] [--domains=N] ...}
 * ({@link FaultSetting}).
 */
final class FaultSuite {

	private FaultSuite() {
	}

	static void run(Options options) throws Exception {
		List<String> violations;
		try (FaultLab lab = FaultLab.start(FaultSetting.of(options))) {
			lab.provision();
			Map<String, String> before = Invariants.fingerprints(lab.db);
			List<FaultScenario> scenarios = lab.setting.cluster() ? FaultScenario.cluster()
					: lab.setting.network() ? FaultScenario.network() : FaultScenario.all();
			for (FaultScenario scenario : scenarios) {
				lab.say(scenario.description(lab));
				scenario.inject(lab);
			}
			lab.say("waiting until the system is quiet");
			Processes.waitFor(lab::quiet, Duration.ofMinutes(5));
			violations = new ArrayList<>(new Invariants(lab).check(before));
			for (FaultScenario scenario : scenarios) {
				violations.addAll(scenario.check(lab));
			}
			violations.addAll(lab.violations);
			FaultReport.print(lab, violations);
		}
		System.exit(violations.isEmpty() ? 0 : 1);
	}

}
