package io.domainpush.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Conflicting pushes at the same moment: one domain to two companies (exactly one may be
 * accepted), and a push from L to H alongside one from H to L (both accepted).
 */
final class ConflictScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "conflicting pushes: one domain to two companies at once; A->B and B->A at once";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		for (int i = 1; i <= 5; i++) {
			String domain = "conflict" + i + ".example";
			List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
			List<Thread> racers = new ArrayList<>();
			for (long target : List.of(lab.gaining, lab.other)) {
				racers.add(started(() -> statuses.add(tryPush(lab, domain, target))));
			}
			String swap = "swap" + i + ".example";
			racers.add(started(() -> {
				if (tryPush(lab, swap, lab.losing) != 202) {
					lab.violations.add("swap push of " + swap + " refused");
				}
			}));
			for (Thread racer : racers) {
				racer.join();
			}
			if (statuses.stream().filter(status -> status == 202).count() != 1) {
				lab.violations.add("conflict: " + domain + " accepted " + statuses);
			}
			lab.fault();
		}
	}

	private static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

	private static int tryPush(FaultLab lab, String domain, long to) {
		try {
			lab.push(domain, to);
			return 202;
		}
		catch (Exception ex) {
			return 409;
		}
	}

}
