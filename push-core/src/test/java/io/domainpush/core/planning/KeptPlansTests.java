package io.domainpush.core.planning;

import javax.sql.DataSource;

import io.domainpush.core.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Plans are kept for one transaction only; the connection plans every statement for its
 * values before and after it, as the services' connections do.
 */
class KeptPlansTests {

	private static JdbcClient db;

	private static TransactionTemplate transaction;

	@BeforeAll
	static void aConnectionThatPlansForValues() {
		DataSource dataSource = new SingleConnectionDataSource(TestPostgres.newDatabase(), "postgres", "", true);
		db = JdbcClient.create(dataSource);
		transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		db.sql("set plan_cache_mode = force_custom_plan").update();
	}

	@Test
	void shouldKeepPlansUntilTheTransactionEnds() {
		String within = transaction.execute(status -> {
			KeptPlans.forThisTransaction(db);
			return planCacheMode();
		});
		assertThat(within).isEqualTo("auto");
		assertThat(planCacheMode()).as("after the commit").isEqualTo("force_custom_plan");
	}

	@Test
	void shouldKeepPlansUntilARolledBackTransactionEnds() {
		transaction.executeWithoutResult(status -> {
			KeptPlans.forThisTransaction(db);
			status.setRollbackOnly();
		});
		assertThat(planCacheMode()).isEqualTo("force_custom_plan");
	}

	@Test
	void shouldRefuseOutsideATransactionWhereItWouldChangeNothing() {
		assertThatIllegalStateException().isThrownBy(() -> KeptPlans.forThisTransaction(db));
		assertThat(planCacheMode()).isEqualTo("force_custom_plan");
	}

	private static String planCacheMode() {
		return db.sql("show plan_cache_mode").query(String.class).single();
	}

}
