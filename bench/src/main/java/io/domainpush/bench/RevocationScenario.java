package io.domainpush.bench;

import java.time.OffsetDateTime;
import java.util.List;

import io.domainpush.core.push.PushStatus;

/**
 * H stops allowing L while 100 of L's pushes to H are in flight: none may complete after
 * the change committed (the worker reads the allowance under the company's lock).
 */
final class RevocationScenario implements FaultScenario {

	private OffsetDateTime revokedAt;

	@Override
	public String description(FaultLab lab) {
		return "permission revoked while 100 pushes are in flight";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		lab.api.post("/api/v1/push-batches", Fixtures.batchBody(lab.other, "revoke", 100));
		lab.api.allow(lab.other, null, lab.gaining);
		// the change has committed once the call returns. (The audit row's time is its
		// transaction's start, before it waited for a worker holding the company's lock:
		// pushes that worker completed, correctly, came after that time, which a run
		// where
		// the batch was still queued at the revocation reported as a violation.)
		revokedAt = lab.db.sql("select clock_timestamp()").query(OffsetDateTime.class).single();
		lab.db.sql("select push_id::text from pushes where domain_name like 'revoke%'")
			.query(String.class)
			.list()
			.forEach(lab.accepted::add);
		lab.fault();
	}

	/** I8: no push COMPLETED after the revocation committed. */
	@Override
	public List<String> check(FaultLab lab) {
		long late = lab.db
			.sql("""
					select count(*) from pushes where domain_name like 'revoke%' and status = :completed and completed_at > :at""")
			.param("completed", PushStatus.COMPLETED.name())
			.param("at", revokedAt)
			.query(Long.class)
			.single();
		return late == 0 ? List.of() : List.of("I8: " + late + " pushes COMPLETED after the permission was revoked");
	}

}
