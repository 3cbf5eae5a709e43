package io.domainpush.bench;

/**
 * The SMTP server down (connections refused) while pushes complete, for many attempts at
 * the suite's back-offs: the notifications must wait, not fail.
 */
final class SmtpOutageScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "SMTP server down for " + lab.setting.smtpOutageSeconds()
				+ " s while 10 pushes complete (a dozen attempts each)";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		lab.mail.stop();
		for (int i = 1; i <= 10; i++) {
			lab.push("smtpdown" + i + ".example", lab.gaining);
		}
		Thread.sleep(lab.setting.smtpOutageSeconds() * 1000L); // the outage
		lab.mail.restart();
		lab.fault();
	}

}
