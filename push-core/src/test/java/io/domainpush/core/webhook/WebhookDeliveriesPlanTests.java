package io.domainpush.core.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.domainpush.core.paging.PageClauses;
import io.domainpush.core.testing.QueueFixtures;
import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How PostgreSQL reads a page of a busy endpoint's deliveries (20,000 of them, vacuumed
 * as autovacuum leaves a table): after a cursor, along the listing index without sorting;
 * by page number, the offset skipped over that index alone (an index-only scan), only the
 * page's rows read whole.
 */
class WebhookDeliveriesPlanTests {

	private static final String ORDER = " order by created_at desc, delivery_id desc";

	private static JdbcClient db;

	private static UUID busy;

	@BeforeAll
	static void aBusyEndpoint() {
		DataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		db = JdbcClient.create(dataSource);
		QueueFixtures fixtures = new QueueFixtures(db);
		busy = fixtures.webhook(fixtures.company());
		fixtures.deliveredOverTime(busy, 20000);
		db.sql("vacuum analyze webhook_deliveries").update();
	}

	@Test
	void shouldReadThePageAfterACursorAlongTheListingIndexWithoutSorting() {
		String cutAfter = " and (created_at, delivery_id) < (:k0, :k1)" + ORDER + " limit :limit";
		String plan = plan(new PageClauses(cutAfter, ORDER,
				Map.of("k0", OffsetDateTime.now().minusHours(3), "k1", UUID.randomUUID(), "limit", 51), "delivery_id"));
		assertThat(plan).contains("webhook_deliveries_listing_idx").doesNotContain("Seq Scan");
		assertThat(plan.lines().filter(line -> line.contains("Sort  (")).toList())
			.as("only the page's rows are put in order, once")
			.hasSizeLessThanOrEqualTo(1);
		assertThat(plan).doesNotContain("Incremental Sort");
	}

	@Test
	void shouldSkipTheOffsetOfAPageByNumberOverTheListingIndexAlone() {
		String plan = plan(new PageClauses(ORDER + " limit :limit offset :offset", ORDER,
				Map.of("limit", 51, "offset", 15000), "delivery_id"));
		assertThat(plan).contains("Index Only Scan using webhook_deliveries_listing_idx").doesNotContain("Seq Scan");
	}

	private static String plan(PageClauses page) {
		List<String> lines = db.sql("explain " + Webhooks.deliveriesStatement(page))
			.param("id", busy)
			.params(page.parameters())
			.query(String.class)
			.list();
		return String.join("\n", lines);
	}

}
