package io.domainpush.bench;

import java.util.Map;
import java.util.Random;

/**
 * A bulk push with a worker killed (kill -9) every 1.5 s, then a third worker joining and
 * one leaving: rebalances while thousands of requests are in flight.
 */
final class WorkerKillScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "bulk push of " + lab.setting.domains() + " domains with kill -9 of a worker every 1.5 s, "
				+ lab.setting.kills() + " times; then a third worker joins and one leaves";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		String batch = lab.api
			.post("/api/v1/push-batches", Fixtures.batchBody(lab.gaining, "bulk", lab.setting.domains()))
			.get("batch_id")
			.asString();
		lab.remember(batch);
		Random random = new Random(42);
		for (int k = 0; k < lab.setting.kills(); k++) {
			Thread.sleep(1500); // the fault schedule: one kill every 1.5 s
			String victim = random.nextBoolean() ? "push-worker-1" : "push-worker-2";
			lab.say("    kill -9 %s", victim);
			lab.services.kill(victim);
			lab.fault();
		}
		lab.services.start("push-worker-3", "push-worker", Map.of());
		lab.services.retire("push-worker-3");
		lab.fault();
		lab.fault();
	}

}
