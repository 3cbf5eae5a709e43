package io.domainpush.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.notification.NotificationAudience;

/**
 * A bulk push to a company that wants one digest per batch, with the notifier killed
 * (kill -9) while the batch is being applied and again as the batch finishes: the company
 * must receive exactly one digest (one Message-ID), and no per-domain email.
 */
final class DigestScenario implements FaultScenario {

	static final int DOMAINS = 300;

	private volatile String batch;

	@Override
	public String description(FaultLab lab) {
		return "bulk push of " + DOMAINS + " domains to a company in batch_digest mode, kill -9 of the notifier "
				+ "mid-batch and as the batch finishes";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		lab.api.put("/api/v1/companies/" + lab.digesting + "/domain-push", "{\"allowed_companies\":[" + lab.losing
				+ "],\"notification_email\":\"digest@gaining.example\",\"notification_mode\":\"batch_digest\"}");
		batch = lab.api.post("/api/v1/push-batches", Fixtures.batchBody(lab.digesting, "digest", DOMAINS))
			.get("batch_id")
			.asString();
		lab.remember(batch);
		Processes.waitFor(() -> ended(lab) >= DOMAINS / 3, Duration.ofMinutes(2));
		lab.say("    kill -9 notifier with %d of %d pushes of the batch ended", ended(lab), DOMAINS);
		lab.services.kill("notifier");
		lab.fault();
		Processes.waitFor(() -> finished(lab), Duration.ofMinutes(3));
		lab.say("    kill -9 notifier as the batch finished");
		lab.services.kill("notifier");
		lab.fault();
	}

	@Override
	public List<String> check(FaultLab lab) {
		List<String> violations = new ArrayList<>();
		String digestId = MessageIds.ofDigest(java.util.UUID.fromString(batch), NotificationAudience.GAINING,
				lab.digesting);
		if (!lab.mail.acceptedAt().containsKey(digestId)) {
			violations.add("digest: " + digestId + " was never received");
		}
		String status = lab.db.sql("select status from notification_digests where batch_id = cast(:b as uuid)")
			.param("b", batch)
			.query(String.class)
			.optional()
			.orElse("MISSING");
		if (!status.equals("SENT")) {
			violations.add("digest: the batch's digest is " + status);
		}
		long perDomain = lab.db.sql("""
				select count(*) from notifications n join pushes p on p.push_id = n.push_id
				 where p.batch_id = cast(:b as uuid) and n.status <> 'IN_DIGEST'""")
			.param("b", batch)
			.query(Long.class)
			.single();
		if (perDomain > 0) {
			violations.add("digest: " + perDomain + " push(es) of the batch got a notification of their own");
		}
		lab.say("digest: %s received %d time(s) (a copy beyond one only if a kill fell between the server's "
				+ "acceptance and its record)", digestId, lab.mail.copies().getOrDefault(digestId, 0));
		return violations;
	}

	private long ended(FaultLab lab) {
		return lab.db.sql("select count(*) from pushes where batch_id = cast(:b as uuid) and status <> 'ACCEPTED'")
			.param("b", batch)
			.query(Long.class)
			.single();
	}

	private boolean finished(FaultLab lab) {
		return lab.db.sql("select finished_at is not null from push_batches where batch_id = cast(:b as uuid)")
			.param("b", batch)
			.query(Boolean.class)
			.single();
	}

}
