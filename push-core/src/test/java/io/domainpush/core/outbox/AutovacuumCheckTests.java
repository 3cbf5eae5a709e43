package io.domainpush.core.outbox;

import io.domainpush.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warning against a real PostgreSQL: given exactly when the server's
 * autovacuum is off, and never a failure when the database does not answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class AutovacuumCheckTests {

	@Test
	void shouldWarnExactlyWhenTheServersAutovacuumIsOff(CapturedOutput output) {
		JdbcClient db = JdbcClient.create(new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", ""));
		boolean off = "off".equals(db.sql("show autovacuum").query(String.class).single());

		new AutovacuumCheck(db).run(null);

		assertThat(output.getOut().contains(AutovacuumCheck.WARNING)).isEqualTo(off);
	}

	@Test
	void shouldStartQuietlyWhenTheDatabaseDoesNotAnswer(CapturedOutput output) {
		JdbcClient unreachable = JdbcClient
			.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "postgres", ""));

		new AutovacuumCheck(unreachable).run(null);

		assertThat(output.getOut()).doesNotContain(AutovacuumCheck.WARNING);
	}

}
