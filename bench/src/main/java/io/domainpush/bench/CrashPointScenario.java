package io.domainpush.bench;

import java.time.Duration;

/**
 * Test-only crash points ({@code push.test.crash.*}, a {@code Runtime.halt} as kill -9
 * would): push-api after a push and its outbox row committed and before publishing, a
 * worker after its database commit and before its offset commit, the notifier after the
 * SMTP server accepted and before recording. 20 single pushes.
 */
final class CrashPointScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "crash points: push-api after its 5th outbox commit, worker-1 after its 2nd transaction, notifier "
				+ "after its first SMTP send";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		for (int i = 1; i <= 20; i++) {
			try {
				lab.push("single" + i + ".example", lab.gaining);
			}
			catch (Exception ex) {
				// the API died after storing this push: no 202 was received, the push
				// must still finish
				lab.say("    push %d: no answer (%s)", i, ex.getClass().getSimpleName());
				Processes.waitFor(() -> answers(lab), Duration.ofMinutes(2));
			}
		}
		// the notifier's crash point fires at its first send: among these emails, not
		// among the QUIT-reset
		// recipient's of the next scenario, whose copies are counted
		Processes.waitFor(() -> lab.services.restarts("notifier") > 0 && lab.mail.messages() > 0,
				Duration.ofMinutes(3));
	}

	private static boolean answers(FaultLab lab) {
		try {
			lab.api.get("/api/v1/companies/" + lab.losing);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
