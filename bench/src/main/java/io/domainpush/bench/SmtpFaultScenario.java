package io.domainpush.bench;

import java.util.List;
import java.util.UUID;

import io.domainpush.core.notification.MessageIds;

/**
 * SMTP servers misbehaving, one per gaining company (see {@link SmtpSink}): 4xx twice,
 * 5xx, a connection dropped after DATA, a server stalling past the read timeout, a
 * connection reset instead of an answer to QUIT. Two pushes each. A message the server
 * accepted must never be sent again because QUIT failed.
 */
final class SmtpFaultScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "SMTP faults: 4xx twice, 5xx, connection dropped after DATA, server stalling past the timeout, QUIT reset";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		int n = 1;
		for (long company : lab.smtpCompanies.values()) {
			lab.push("smtp" + n++ + ".example", company);
			lab.push("smtp" + n++ + ".example", company);
			lab.fault();
		}
	}

	/** I5b: each message to the QUIT-reset recipient was accepted exactly once. */
	@Override
	public List<String> check(FaultLab lab) {
		return lab.db.sql("""
				select n.push_id from notifications n join pushes p using (push_id)
				 where p.gaining_company_id = :company""")
			.param("company", lab.smtpCompanies.get("quitfail"))
			.query(UUID.class)
			.list()
			.stream()
			.map(MessageIds::of)
			.filter(id -> lab.mail.copies().getOrDefault(id, 0) != 1)
			.map(id -> "I5b: " + id + " (QUIT reset) accepted " + lab.mail.copies().getOrDefault(id, 0) + " times")
			.toList();
	}

}
