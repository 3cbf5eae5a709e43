package io.domainpush.systemtests;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a push must leave untouched about a domain's users and messages (R1): every
 * user id, mailbox and settings, every message id, folder, subject and size, in a stable
 * order.
 */
record DomainFingerprint(List<String> users, List<String> messages) {

	static DomainFingerprint of(JdbcClient db, String domain) {
		List<String> users = db.sql("""
				select u.user_id || '|' || u.mailbox || '|' || u.settings::text from users u
				  join domains d on d.domain_id = u.domain_id where d.name = :domain order by u.user_id""")
			.param("domain", domain)
			.query(String.class)
			.list();
		List<String> messages = db.sql("""
				select m.message_id || '|' || m.user_id || '|' || m.folder || '|' || m.subject || '|' || m.size_bytes
				  from messages m join users u on u.user_id = m.user_id join domains d on d.domain_id = u.domain_id
				 where d.name = :domain order by m.message_id""").param("domain", domain).query(String.class).list();
		return new DomainFingerprint(users, messages);
	}

}
