package io.domainpush.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * The broker killed (kill -9) with pushes coming in and restarted; then paused (SIGSTOP)
 * and resumed.
 */
final class BrokerScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "broker killed (kill -9) with pushes coming in, restarted after 5 s; then paused (SIGSTOP) for "
				+ lab.setting.brokerPauseSeconds() + " s";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		lab.kafka.kill();
		for (int i = 1; i <= 5; i++) {
			lab.push("outage" + i + ".example", lab.gaining);
		}
		Thread.sleep(5000); // the outage
		lab.kafka.restart();
		Instant restarted = Instant.now();
		lab.fault();
		lab.kafka.awaitServing();
		Instant serving = Instant.now();
		Processes.waitFor(() -> Completions.after(lab, serving), Duration.ofMinutes(3));
		Instant firstCompletion = Completions.firstAfter(lab, serving);
		lab.say("    broker back: serving %.1f s after its restart; the first push completed %.1f s after it served "
				+ "(goal < %d s)", Duration.between(restarted, serving).toMillis() / 1000.0,
				Duration.between(serving, firstCompletion).toMillis() / 1000.0, NetworkFault.RECOVERY_GOAL.toSeconds());
		lab.kafka.pause();
		Thread.sleep(lab.setting.brokerPauseSeconds() * 1000L); // the pause
		lab.kafka.resume();
		lab.fault();
	}

}
