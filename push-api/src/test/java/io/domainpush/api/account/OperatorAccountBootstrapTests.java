package io.domainpush.api.account;

import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator bootstrap against a real PostgreSQL: it makes the account once, and a
 * password changed since is never put back by the next start.
 */
class OperatorAccountBootstrapTests {

	@Test
	void shouldCreateTheOperatorOnceAndNeverResetAChangedPassword() {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		JdbcClient db = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
		AccountRepository accounts = new AccountRepository(db);
		Passwords passwords = new Passwords();
		SecurityProperties configured = new SecurityProperties(null, "ops@example.com", "the-configured-Passphrase");
		OperatorAccountBootstrap bootstrap = new OperatorAccountBootstrap(configured, accounts, passwords);

		bootstrap.run(new DefaultApplicationArguments());
		assertThat(passwords.matches("the-configured-Passphrase", hash(db))).isTrue();

		db.sql("update accounts set password_hash = :hash where username = 'ops@example.com'")
			.param("hash", passwords.hash("a-rotated-Passphrase-after-a-leak"))
			.update();
		bootstrap.run(new DefaultApplicationArguments());

		assertThat(passwords.matches("the-configured-Passphrase", hash(db))).as("the leaked password stays gone")
			.isFalse();
		assertThat(passwords.matches("a-rotated-Passphrase-after-a-leak", hash(db))).isTrue();
		assertThat(db.sql("select count(*) from accounts where username = 'ops@example.com' and company_id is null")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private static String hash(JdbcClient db) {
		return db.sql("select password_hash from accounts where username = 'ops@example.com'")
			.query(String.class)
			.single();
	}

}
