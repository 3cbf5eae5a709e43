package io.domainpush.core.retention;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.testing.QueueFixtures;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.Webhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one purge against a real PostgreSQL: in every table that only grows, rows past
 * their retention go and recent ones stay; a delivery still PENDING stays however old.
 */
class RetentionSweepTests {

	@Test
	void shouldPurgeWhatIsPastItsRetentionAndKeepTheRest() throws Exception {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		JdbcClient db = JdbcClient.create(dataSource);
		QueueFixtures fixtures = new QueueFixtures(db);
		long company = fixtures.company();
		UUID oldEmail = fixtures.notification(company, "SENT", "91 days");
		UUID recentEmail = fixtures.notification(company, "SENT", "89 days");
		UUID oldPendingEmail = fixtures.notification(company, "PENDING", "200 days");
		UUID oldDigest = fixtures.digest(company, "FAILED", "91 days");
		UUID recentDigest = fixtures.digest(company, "SENT", "1 day");
		UUID webhook = fixtures.webhook(company);
		UUID oldDelivery = fixtures.delivery(webhook, "DELIVERED", "31 days");
		UUID recentDelivery = fixtures.delivery(webhook, "DELIVERED", "29 days");
		db.sql("""
				insert into sign_in_throttles (throttle_key, level, updated_at, next_allowed_at)
				values ('user:old@example.com', 3, now() - interval '2 days', now() - interval '2 days'),
				       ('user:recent@example.com', 3, now(), now())""").update();
		db.sql("""
				insert into known_browsers (token_hash, username, last_seen_at)
				values ('\\x01', 'old@example.com', now() - interval '91 days'),
				       ('\\x02', 'recent@example.com', now() - interval '89 days')""").update();
		db.sql("""
				insert into audit_log (at, company_id, action) values (now() - interval '401 days', :c, 'OLD'),
				       (now() - interval '399 days', :c, 'RECENT')""").param("c", company).update();
		db.sql("""
				insert into invitations (delivery_id, company_id, email, token_hash, expires_at, status)
				values (gen_random_uuid(), :c, 'expired-long-ago@example.com', sha256('a'), now() - interval '31 days', 'SENT'),
				       (gen_random_uuid(), :c, 'expired-lately@example.com', sha256('b'), now() - interval '29 days', 'SENT'),
				       (gen_random_uuid(), :c, 'still-emailing@example.com', sha256('c'), now() - interval '31 days', 'PENDING')""")
			.param("c", company)
			.update();
		DeliveryProperties delivery = DeliveryProperties.defaults();
		RetentionProperties retention = new RetentionProperties(Duration.ofDays(90), Duration.ofDays(90),
				Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(400),
				Duration.ofMinutes(10), 10_000);
		RetentionSweep sweep = new RetentionSweep(new Notifications(db, delivery), new Digests(db, delivery),
				new Webhooks(db, delivery, webhookProperties()), db, retention, new SimpleMeterRegistry());

		assertThat(sweep.round()).as("no table had a full batch").isFalse();

		assertThat(ids(db, "notifications")).contains(recentEmail, oldPendingEmail).doesNotContain(oldEmail);
		assertThat(ids(db, "notification_digests")).contains(recentDigest).doesNotContain(oldDigest);
		assertThat(ids(db, "webhook_deliveries")).contains(recentDelivery).doesNotContain(oldDelivery);
		assertThat(db.sql("select throttle_key from sign_in_throttles").query(String.class).list())
			.containsExactly("user:recent@example.com");
		assertThat(db.sql("select username from known_browsers").query(String.class).list())
			.containsExactly("recent@example.com");
		assertThat(db.sql("select email from invitations order by email").query(String.class).list())
			.containsExactly("expired-lately@example.com", "still-emailing@example.com");
		assertThat(db.sql("select action from audit_log").query(String.class).list()).containsExactly("RECENT");
	}

	private static java.util.List<UUID> ids(JdbcClient db, String table) {
		return db.sql("select delivery_id from " + table).query(UUID.class).list();
	}

	private static WebhookProperties webhookProperties() {
		return WebhookProperties.defaults();
	}

}
