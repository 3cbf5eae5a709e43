package io.domainpush.api.push;

import java.util.List;

import javax.sql.DataSource;

import io.domainpush.api.push.PushRepository.Direction;
import io.domainpush.api.push.PushRepository.PushFilter;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How PostgreSQL reads a page of a busy company's pushes in both directions (10,000 it
 * lost domains by, 10,000 it gained domains by, vacuumed as autovacuum leaves a table): a
 * page far down by number skips its offset over the two sides' indexes alone (index-only
 * scans), and only the page's rows are read whole.
 */
class PushListPlanTests {

	private static JdbcClient db;

	private static PushRepository repository;

	private static long busy;

	@BeforeAll
	static void aCompanyWithTwentyThousandPushes() {
		DataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		db = JdbcClient.create(dataSource);
		repository = new PushRepository(db);
		busy = company("Busy");
		long other = company("Other");
		db.sql("insert into domains (name, company_id) select 'd' || i || '.example', :o from generate_series(1, 20000) i")
			.param("o", other)
			.update();
		db.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    submitted_at)
				select gen_random_uuid(), domain_id, name,
				       case when domain_id % 2 = 0 then :busy else :other end,
				       case when domain_id % 2 = 0 then :other else :busy end,
				       'COMPLETED', now() - domain_id * interval '1 minute'
				  from domains""").param("busy", busy).param("other", other).update();
		db.sql("vacuum analyze pushes").update();
	}

	@Test
	void shouldSkipTheOffsetOfADeepPageOfBothDirectionsOverEachSidesIndexAlone() {
		String plan = plan(new PageRequest(300, 50));
		assertThat(plan).contains("Index Only Scan using pushes_losing_idx", "Index Only Scan using pushes_gaining_idx")
			.doesNotContain("Seq Scan");
		assertThat(plan.lines().filter(line -> line.contains("Sort  (")).toList())
			.as("only the page's rows are put in order, once")
			.hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void shouldListTheDeepPageItsPlanReads() {
		List<String> page = repository
			.list(busy, new PushFilter(null, null, null, Direction.BOTH), new PageRequest(300, 50))
			.stream()
			.map((stored) -> stored.view().domain())
			.toList();
		assertThat(page).as("the 15,001st to 15,051st newest: one row more than asked tells more follow")
			.hasSize(51)
			.first()
			.isEqualTo("d15001.example");
		assertThat(page).last().isEqualTo("d15051.example");
	}

	private static String plan(PageRequest page) {
		List<String> lines = repository
			.statement("explain ", busy, new PushFilter(null, null, null, Direction.BOTH), page)
			.query(String.class)
			.list();
		return String.join("\n", lines);
	}

	private static long company(String name) {
		return db.sql("insert into companies (name, cluster) values (:n, 'a') returning company_id")
			.param("n", name)
			.query(Long.class)
			.single();
	}

}
