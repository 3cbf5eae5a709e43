package io.domainpush.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Databases and bulk test data for the benchmark, written straight with SQL (setup is not
 * measured).
 */
final class Fixtures {

	private Fixtures() {
	}

	static String createDatabase(String adminUrl, String name) throws SQLException {
		try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("drop database if exists " + name + " with (force)");
			s.execute("create database " + name);
		}
		return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
	}

	static JdbcClient migrated(String url) {
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return JdbcClient.create(dataSource);
	}

	/**
	 * {@code count} domains named {@code prefix<i>.example} owned by {@code company},
	 * each with {@code users} users.
	 */
	static void domains(JdbcClient db, long company, String prefix, int count, int users) {
		db.sql("""
				insert into domains (name, company_id, settings, user_count, message_count, message_bytes)
				select :prefix || i || '.example', :company, '{}'::jsonb, :users, :users * 2, :users * 2 * 1000
				  from generate_series(1, :count) as i""")
			.param("prefix", prefix)
			.param("company", company)
			.param("users", users)
			.param("count", count)
			.update();
		db.sql("""
				insert into users (domain_id, mailbox, settings)
				select d.domain_id, 'user' || u, '{}'::jsonb from domains d, generate_series(1, :users) as u
				 where d.name like :prefix || '%'""").param("users", users).param("prefix", prefix).update();
		db.sql("""
				insert into messages (user_id, folder, subject, size_bytes)
				select u.user_id, f, 'Message', 1000 from users u join domains d using (domain_id),
				       unnest(array['INBOX', 'Sent']) as f where d.name like :prefix || '%'""")
			.param("prefix", prefix)
			.update();
		db.sql("""
				insert into billing_periods (domain_id, company_id, starts_on)
				select domain_id, company_id, date_trunc('month', now())::date from domains where name like :prefix || '%'""")
			.param("prefix", prefix)
			.update();
	}

	/**
	 * Writes what was just provisioned or pushed to disk and vacuums the database, as a
	 * server whose autovacuum keeps up would have: otherwise a measured run pays for the
	 * runs before it (the checkpointer and autovacuum working through new rows, or, where
	 * autovacuum is off, every poll of the outbox and the delivery queue reading the dead
	 * rows earlier runs left).
	 */
	static void settle(JdbcClient db) {
		db.sql("checkpoint").update();
		db.sql("vacuum (analyze)").update();
	}

	/** PostgreSQL's autovacuum setting, for the report. */
	static String autovacuum(JdbcClient db) {
		return db.sql("show autovacuum").query(String.class).single();
	}

	static long company(JdbcClient db, String name, String email) {
		return db
			.sql("insert into companies (name, cluster, notification_email) values (:n, 'a', :e) returning company_id")
			.param("n", name)
			.param("e", email)
			.query(Long.class)
			.single();
	}

	/**
	 * A batch body {@code {gaining_company_id, domains: [prefix1.example ...
	 * prefixN.example]}}.
	 */
	static String batchBody(long gaining, String prefix, int count) {
		return batchBody(gaining, prefix, 1, count);
	}

	/** {@code prefix<from>.example ... prefix<from + count - 1>.example} */
	static String batchBody(long gaining, String prefix, int from, int count) {
		StringBuilder body = new StringBuilder("{\"gaining_company_id\":" + gaining + ",\"domains\":[");
		for (int i = from; i < from + count; i++) {
			body.append(i == from ? "\"" : ",\"").append(prefix).append(i).append(".example\"");
		}
		return body.append("]}").toString();
	}

}
