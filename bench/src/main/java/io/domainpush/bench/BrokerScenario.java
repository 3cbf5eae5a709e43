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
		lab.fault();
		lab.kafka.pause();
		Thread.sleep(lab.setting.brokerPauseSeconds() * 1000L); // the pause
		lab.kafka.resume();
		lab.fault();
	}

}
