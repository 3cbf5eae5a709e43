package io.domainpush.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.push.PushStatus;
import tools.jackson.databind.JsonNode;

/**
 * Pushes that wait (DESIGN §5) while their time comes: {@value #PLANNED} pushes planned
 * for one moment and {@value #AWAITING} awaiting a company's approval, half of them
 * approved and half left to expire at that moment (the lab's approvals expire after
 * {@code FaultLab.APPROVAL_EXPIRES_AFTER}); just before it push-api (whose due loop moves
 * them), a worker and the broker are killed. I9: each planned push is applied once and
 * never before its time, each approved push once, each unanswered one expires once and
 * moves nothing, and the company was asked once per push. Prints the delay between a
 * planned time and the push's completion.
 */
final class WaitsScenario implements FaultScenario {

	static final int PLANNED = 40;

	static final int AWAITING = 30;

	private long approver;

	@Override
	public String description(FaultLab lab) {
		return PLANNED + " pushes planned for one moment and " + AWAITING + " awaiting approval (half approved, half "
				+ "expiring then); push-api, a worker and the broker killed (kill -9) just before it";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		approver = lab.api.company("A");
		lab.api.put("/api/v1/companies/" + approver + "/domain-push", "{\"allowed_companies\":[" + lab.losing
				+ "],\"notification_email\":\"approve@gaining.example\",\"accept\":\"approve\"}");
		// the lab's approvals expire after FaultLab.APPROVAL_EXPIRES_AFTER: the first
		// request's deadline is the moment everything is planned for
		List<String> awaiting = new ArrayList<>();
		Instant due = null;
		for (int i = 1; i <= AWAITING; i++) {
			JsonNode push = lab.api.post("/api/v1/pushes",
					"{\"domain\":\"awaiting" + i + ".example\",\"gaining_company_id\":" + approver + "}");
			awaiting.add(push.get("push_id").asString());
			due = due != null ? due : Instant.parse(push.get("approval_deadline").asString());
		}
		lab.accepted.addAll(awaiting);
		for (int i = 1; i <= PLANNED; i++) {
			lab.accepted.add(
					lab.api
						.post("/api/v1/pushes",
								"{\"domain\":\"planned" + i + ".example\",\"gaining_company_id\":" + lab.gaining
										+ ",\"not_before\":\"" + due + "\"}")
						.get("push_id")
						.asString());
		}
		// half approved; the other half left unanswered until its deadline
		for (String push : awaiting.subList(0, AWAITING / 2)) {
			lab.api.post("/api/v1/pushes/" + push + "/approve", "");
		}
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis() - 1000)); // until
																							// just
																							// before
		lab.say("    kill -9 push-api, push-worker-1 and the broker as %d pushes come due", PLANNED + AWAITING / 2);
		lab.services.kill("push-api");
		lab.services.kill("push-worker-1");
		lab.kafka.kill();
		Thread.sleep(4000); // the broker's outage
		lab.kafka.restart();
		lab.fault();
		lab.fault();
		lab.fault();
		Processes.waitFor(() -> answers(lab), Duration.ofMinutes(2));
	}

	/** Whether push-api is back: the scenarios after this one call it. */
	private static boolean answers(FaultLab lab) {
		try {
			lab.api.get("/api/v1/companies/" + lab.losing);
			return true;
		}
		catch (Exception notYet) {
			return false;
		}
	}

	@Override
	public List<String> check(FaultLab lab) {
		List<String> violations = new ArrayList<>();
		lab.db
			.sql("""
					select p.domain_name, p.status, p.completed_at < p.not_before as early,
					       (select count(*) from audit_log a where a.target = 'push ' || p.push_id and a.action = 'PUSH_DUE')
					  from pushes p where p.domain_name like 'planned%'""")
			.query((rs, n) -> {
				if (!PushStatus.COMPLETED.name().equals(rs.getString(2)) || rs.getBoolean(3) || rs.getLong(4) != 1) {
					violations.add("I9: planned push of " + rs.getString(1) + " is " + rs.getString(2)
							+ (rs.getBoolean(3) ? ", applied before its time" : "") + ", went ahead " + rs.getLong(4)
							+ " times");
				}
				return null;
			})
			.list();
		lab.db
			.sql("""
					select p.domain_name, p.status,
					       p.status = 'COMPLETED' and (p.decided_at is null or p.decided_at > p.completed_at) as unapproved,
					       (select count(*) from audit_log a where a.target = 'push ' || p.push_id and a.action = 'PUSH_EXPIRED'),
					       (select count(*) from notifications n where n.push_id = p.push_id and n.audience = 'APPROVAL'),
					       d.company_id = p.losing_company_id as stayed
					  from pushes p join domains d using (domain_id) where p.domain_name like 'awaiting%'""")
			.query((rs, n) -> {
				String domain = rs.getString(1);
				String status = rs.getString(2);
				boolean expired = PushStatus.EXPIRED.name().equals(status);
				if (!expired && !PushStatus.COMPLETED.name().equals(status)) {
					violations.add("I9: push of " + domain + " awaiting approval ended " + status);
				}
				if (rs.getBoolean(3)) {
					violations.add("I9: push of " + domain + " was applied without its approval");
				}
				if (expired && (rs.getLong(4) != 1 || !rs.getBoolean(6))) {
					violations.add("I9: expired push of " + domain + " expired " + rs.getLong(4) + " times"
							+ (rs.getBoolean(6) ? "" : " and moved its domain"));
				}
				if (rs.getLong(5) != 1) {
					violations.add("I9: the company was asked " + rs.getLong(5) + " times to approve " + domain);
				}
				return null;
			})
			.list();
		long expired = lab.db.sql("select count(*) from pushes where domain_name like 'awaiting%' and status = :s")
			.param("s", PushStatus.EXPIRED.name())
			.query(Long.class)
			.single();
		if (expired != AWAITING / 2) {
			violations.add("I9: " + expired + " pushes expired, " + AWAITING / 2 + " were left unanswered");
		}
		printDelays(lab);
		return violations;
	}

	/** How long after their planned time the planned pushes completed. */
	private static void printDelays(FaultLab lab) {
		Map<String, Object> delays = lab.db.sql("""
				select percentile_cont(0.5) within group (order by ms) as p50,
				       percentile_cont(0.95) within group (order by ms) as p95, max(ms) as max
				  from (select extract(epoch from completed_at - not_before) * 1000 as ms
				          from pushes where domain_name like 'planned%' and status = 'COMPLETED') d""")
			.query()
			.singleRow();
		lab.say("planned time to completion, with push-api, a worker and the broker killed at it: p50 %.0f ms, "
				+ "p95 %.0f ms, max %.0f ms", number(delays.get("p50")), number(delays.get("p95")),
				number(delays.get("max")));
	}

	private static double number(Object value) {
		return value == null ? Double.NaN : ((Number) value).doubleValue();
	}

}
