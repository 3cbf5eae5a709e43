package io.domainpush.bench;

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
		java.time.Instant restarted = java.time.Instant.now();
		lab.fault();
		Processes.waitFor(() -> Completions.after(lab, restarted), java.time.Duration.ofMinutes(3));
		lab.say("    broker back: the first push completed %.1f s after its restart (goal < %d s)",
				Completions.longestPause(lab, restarted, java.time.Instant.now()).length().toMillis() / 1000.0,
				NetworkFault.RECOVERY_GOAL.toSeconds());
		lab.kafka.pause();
		Thread.sleep(lab.setting.brokerPauseSeconds() * 1000L); // the pause
		lab.kafka.resume();
		lab.fault();
	}

}
