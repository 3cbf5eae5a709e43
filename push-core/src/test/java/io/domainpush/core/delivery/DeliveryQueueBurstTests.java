package io.domainpush.core.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.domainpush.core.testing.QueueFixtures;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.Webhooks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim in a burst, against a real PostgreSQL: thousands of deliveries queued after the
 * table's statistics were last gathered (it was empty then; autovacuum had not come
 * round, or is off) are claimed within the bound every statement of a service has (here
 * 10 s; the services' socket timeout is 30 s). The plan made for "an empty table" once
 * read every due row for every due row: 90 s for 6,000.
 */
class DeliveryQueueBurstTests {

	private static final int BURST = 6000;

	@Test
	void shouldClaimFromABurstTheStatisticsHaveNotSeen() {
		JdbcClient db = boundedDatabase();
		db.sql("alter table webhook_deliveries set (autovacuum_enabled = false)").update();
		QueueFixtures fixtures = new QueueFixtures(db);
		UUID endpoint = fixtures.webhook(fixtures.company());
		// a queue that was drained when its statistics were gathered
		burst(db, endpoint);
		db.sql("delete from webhook_deliveries").update();
		db.sql("analyze webhook_deliveries").update();
		burst(db, endpoint);

		Claim<DueDelivery> claim = webhooks(db).claim(Selection.due(8).inLanes(8, 2, 5, List.of(), Map.of()));

		assertThat(claim.items()).hasSize(5).allSatisfy(item -> assertThat(item.webhookId()).isEqualTo(endpoint));
		assertThat(db.sql("select count(*) from webhook_deliveries where claim_token is not null")
			.query(Integer.class)
			.single()).isEqualTo(5);
	}

	@Test
	void shouldClaimAnotherEndpointByItsOwnDueOrderWhileOneWithABacklogIsInFlight() {
		JdbcClient db = boundedDatabase();
		QueueFixtures fixtures = new QueueFixtures(db);
		UUID backlogged = fixtures.webhook(fixtures.company());
		burst(db, backlogged);
		UUID other = fixtures.webhook(fixtures.company());
		UUID waiting = fixtures.delivery(other, "PENDING", "1 second");
		db.sql("analyze webhook_deliveries").update();
		Webhooks webhooks = webhooks(db);
		Selection inFlight = webhooks
			.claimable(Selection.due(8).inLanes(7, 2, 5, List.of(backlogged), Map.of(fixtures.company(), 1)));

		String plan = String.join("\n",
				webhooks.queue().statement("explain ", inFlight, UUID.randomUUID()).query(String.class).list());
		Claim<DueDelivery> claim = webhooks.queue().claim(inFlight);

		assertThat(claim.items()).extracting(DueDelivery::deliveryId).containsExactly(waiting);
		assertThat(plan).as("each endpoint's first due deliveries read through its own index")
			.contains("webhook_deliveries_lane_due_idx");
	}

	/** {@value #BURST} due deliveries to one endpoint. */
	private static void burst(JdbcClient db, UUID endpoint) {
		db.sql("""
				insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload,
				                                status, next_attempt_at)
				select gen_random_uuid(), webhook_id, company_id, 'push.completed', gen_random_uuid(), '{}', 'PENDING',
				       now() - i * interval '1 millisecond'
				  from webhooks, generate_series(1, :burst) i where webhook_id = :w""")
			.param("burst", BURST)
			.param("w", endpoint)
			.update();
	}

	/** A fresh, migrated database whose statements are cancelled after 10 s. */
	private static JdbcClient boundedDatabase() {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		Properties bounded = new Properties();
		bounded.setProperty("options", "-c statement_timeout=10s");
		dataSource.setConnectionProperties(bounded);
		return JdbcClient.create(dataSource);
	}

	private static Webhooks webhooks(JdbcClient db) {
		return new Webhooks(db,
				new DeliveryProperties(Duration.ofMinutes(10), Duration.ofMillis(250), Duration.ofSeconds(60)),
				WebhookProperties.defaults());
	}

}
