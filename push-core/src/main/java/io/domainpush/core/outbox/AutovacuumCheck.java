package io.domainpush.core.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns at start when PostgreSQL's autovacuum is off. The outbox and the delivery queues
 * delete or update every row they take; without vacuum each poll reads all the dead rows
 * the earlier ones left, and grows slower with every push (the relay's poll took 2.7 ms
 * after 12,000 pushes instead of well under one).
 */
@Component
class AutovacuumCheck implements ApplicationRunner {

	static final String WARNING = "PostgreSQL's autovacuum is off: the outbox and the delivery queues will "
			+ "slow down with every push; turn it on (docs/operations.md, \"PostgreSQL\")";

	private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

	private final JdbcClient jdbc;

	AutovacuumCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			if ("off".equals(jdbc.sql("show autovacuum").query(String.class).single())) {
				log.warn(WARNING);
			}
		}
		catch (DataAccessException ex) {
			// the database is down at start: the loops' own retries report that
		}
	}

}
