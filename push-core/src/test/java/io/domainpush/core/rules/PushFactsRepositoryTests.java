package io.domainpush.core.rules;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts query against a real PostgreSQL, as the worker runs it: a prepared statement
 * that PostgreSQL may plan once for any values (a generic plan). A domain is found by its
 * name through the unique index, whatever else indexes the name.
 */
class PushFactsRepositoryTests {

	private static String url;

	private static JdbcClient db;

	@BeforeAll
	static void database() {
		url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		db = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
		db.sql("insert into companies (company_id, name, cluster) values (1, 'Losing', 'a'), (2, 'Gaining', 'a')")
			.update();
		// names that share most of their trigrams, as a platform's do (".example",
		// ".com")
		db.sql("""
				insert into domains (name, company_id)
				select 'd' || i || '.example', 1 from generate_series(1, 3000) i""").update();
		db.sql("analyze domains").update();
	}

	@Test
	void shouldFindADomainByItsUniqueIndexInAPlanMadeForAnyValues() throws SQLException {
		String plan = genericPlan("'{d7.example}', '{2}', 'APPROVE'");

		assertThat(plan).contains("domains_name_key").doesNotContain("trgm").doesNotContain("search");
	}

	@Test
	void shouldReadTheFactsOfEachDomainInTheOrderGiven() {
		List<PushFacts> facts = new PushFactsRepository(db).read(List.of("d9.example", "missing.example", "d1.example"),
				2);

		assertThat(facts).extracting(PushFacts::domain).containsExactly("d9.example", "missing.example", "d1.example");
		assertThat(facts).extracting(fact -> fact.domainId() != null).containsExactly(true, false, true);
	}

	/** EXPLAIN of the facts query prepared and forced to one plan for any values. */
	private static String genericPlan(String values) throws SQLException {
		String prepared = PushFactsRepository.FACTS.replace(":names", "$1")
			.replace(":gainings", "$2")
			.replace(":approve", "$3");
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("set plan_cache_mode = force_generic_plan");
			statement.execute("prepare facts(text[], bigint[], text) as " + prepared);
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("explain execute facts(" + values + ")")) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			return plan.toString();
		}
	}

}
