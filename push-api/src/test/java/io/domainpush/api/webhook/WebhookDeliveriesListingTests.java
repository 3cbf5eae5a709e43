package io.domainpush.api.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.testing.QueueFixtures;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.core.webhook.WebhookDelivery;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.Webhooks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint's deliveries against the real PostgreSQL: newest first (deliveries made in
 * the same instant by their key), the same rows whether a client pages by number or by
 * cursor, either way (how PostgreSQL reads them: {@code WebhookDeliveriesPlanTests}).
 */
class WebhookDeliveriesListingTests {

	private static JdbcClient db;

	private static Webhooks webhooks;

	/** Seven deliveries; the 3rd and 4th newest were made in the same instant. */
	private static UUID endpoint;

	/** Twenty thousand deliveries of another endpoint. */
	private static UUID busy;

	@BeforeAll
	static void twoEndpoints() {
		DataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		db = JdbcClient.create(dataSource);
		webhooks = new Webhooks(db, DeliveryProperties.defaults(), WebhookProperties.defaults());
		QueueFixtures fixtures = new QueueFixtures(db);
		long company = fixtures.company();
		endpoint = fixtures.webhook(company);
		busy = fixtures.webhook(company);
		// ids 1..7: 1 oldest; 4 and 5 in the same second, 5 first as its key is larger
		int[] seconds = { 1, 2, 3, 4, 4, 6, 7 };
		for (int i = 0; i < seconds.length; i++) {
			db.sql("""
					insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload,
					                                status, created_at, queued_at)
					values (:id, :hook, :company, 'push.completed', gen_random_uuid(), '{}', 'DELIVERED',
					        timestamptz '2026-12-01 00:00:00Z' + :s * interval '1 second', now())""")
				.param("id", id(i + 1))
				.param("hook", endpoint)
				.param("company", company)
				.param("s", seconds[i])
				.update();
		}
		fixtures.deliveredOverTime(busy, 20000);
		db.sql("analyze webhook_deliveries").update();
	}

	@Test
	void shouldListEveryDeliveryOnceNewestFirstFollowingNext() {
		List<UUID> seen = new ArrayList<>();
		Page<WebhookDelivery> page = page(null, null, null);
		seen.addAll(ids(page));
		while (page.next() != null) {
			page = page(null, page.next(), null);
			assertThat(page.page()).as("a page by cursor has no number").isNull();
			seen.addAll(ids(page));
		}
		assertThat(seen).containsExactly(id(7), id(6), id(5), id(4), id(3), id(2), id(1));
	}

	@Test
	void shouldGiveThePageBeforeACursorInListOrder() {
		Page<WebhookDelivery> second = page(null, page(null, null, null).next(), null);
		assertThat(ids(second)).containsExactly(id(4), id(3), id(2));
		Page<WebhookDelivery> back = page(null, null, second.previous());
		assertThat(ids(back)).containsExactly(id(7), id(6), id(5));
		assertThat(back.previous()).as("nothing comes before the first page").isNull();
	}

	@Test
	void shouldKeepPagesByNumberForClientsThatAskSo() {
		Page<WebhookDelivery> second = page(1, null, null);
		assertThat(second.page()).isEqualTo(1);
		assertThat(ids(second)).containsExactly(id(4), id(3), id(2));
		assertThat(second.hasMore()).isTrue();
	}

	@Test
	void shouldGiveADeepPageByNumberOfABusyEndpoint() {
		Page<WebhookDelivery> deep = WebhookService.deliveries(webhooks, busy, request(300, 50, null, null));
		assertThat(deep.items()).hasSize(50);
		assertThat(deep.page()).isEqualTo(300);
	}

	private static Page<WebhookDelivery> page(Integer number, String after, String before) {
		return WebhookService.deliveries(webhooks, endpoint, request(number == null ? 0 : number, 3, after, before));
	}

	private static PageRequest request(int number, int size, String after, String before) {
		return new PageRequest(number, size, after == null ? null : Cursor.parse(after, "after"),
				before == null ? null : Cursor.parse(before, "before"));
	}

	private static List<UUID> ids(Page<WebhookDelivery> page) {
		return page.items().stream().map(WebhookDelivery::deliveryId).toList();
	}

	private static UUID id(int n) {
		return new UUID(0, n);
	}

}
