package io.domainpush.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Races between a push and what else touches its rows, played deterministically: the test
 * holds the row lock one side takes, lets the other side run into it, then commits what
 * the first side would have.
 */
class ConcurrencyIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldRefuseABrandAssignmentWhenTheDomainIsPushedAwayMeanwhile() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		long brand = scenario.brand(losing, "Old owner's", Map.of());
		String domain = scenario.domain(losing, 1, null);
		try (Connection push = transaction()) {
			// the worker applying a push holds the domain's row
			execute(push, "select domain_id from domains where name = ? for update", domain);
			// the former owner assigns its brand: its read of the domain succeeds, its
			// update waits for the row
			CompletableFuture<ApiClient.Response> assignment = CompletableFuture
				.supplyAsync(() -> api.put("/api/v1/domains/" + domain + "/brand", losing.token(),
						ApiClient.json(Map.of("brand_id", brand))));
			awaitWaitingOnALock("update domains set brand_id");
			// the push commits: the domain belongs to the gaining company now
			execute(push, "update domains set company_id = ? where name = ?", gaining.id(), domain);
			push.commit();
			ApiClient.Response answer = assignment.get(30, TimeUnit.SECONDS);
			assertThat(answer.status()).as(answer.body()).isEqualTo(404);
			assertThat(answer.code()).isEqualTo("DOMAIN_NOT_FOUND");
		}
		assertThat(system.db.sql("select brand_id is null from domains where name = :d")
			.param("d", domain)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void shouldNeverLandADomainInACompanyDeletedWhileThePushWasApplied() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String domain = scenario.domain(losing, 1, null);
		String pushId;
		try (Connection deletion = transaction()) {
			system.pauseWorker();
			try {
				pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> system.db.sql("select count(*) from outbox").query(Long.class).single() == 0);
				// what deleting the gaining company does (CompanyService.delete): lock
				// it,
				// before the worker may run ...
				execute(deletion, "select company_id from companies where company_id = ? for update", gaining.id());
			}
			finally {
				system.resumeWorker();
			}
			// ... find it owns no domain while the worker comes to apply the push
			assertThat(ownedDomains(deletion, gaining.id())).isZero();
			awaitWaitingOnALock(null);
			execute(deletion, "update companies set deleted_at = now() where company_id = ?", gaining.id());
			execute(deletion, "delete from push_allowances where gaining_company_id = ? or losing_company_id = ?",
					gaining.id(), gaining.id());
			deletion.commit();
		}
		JsonNode push = system.awaitStatus(losing, pushId, "REJECTED");
		assertThat(push.get("reason").asString()).isEqualTo("COMPANY_NOT_FOUND");
		assertThat(system.db.sql("select company_id from domains where name = :d")
			.param("d", domain)
			.query(Long.class)
			.single()).isEqualTo(losing.id());
	}

	@Test
	void shouldAcceptEachDomainOnceWhenTwoBatchesNameTheSameDomainsInOppositeOrders() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		List<String> domains = bulkDomains(losing, 2000);
		List<String> reversed = new ArrayList<>(domains);
		Collections.reverse(reversed);
		ApiClient.Response first;
		ApiClient.Response second;
		system.pauseWorker();
		try {
			CompletableFuture<ApiClient.Response> forward = CompletableFuture
				.supplyAsync(() -> api.post("/api/v1/push-batches", losing.token(), batch(gaining, domains)));
			CompletableFuture<ApiClient.Response> backward = CompletableFuture
				.supplyAsync(() -> api.post("/api/v1/push-batches", losing.token(), batch(gaining, reversed)));
			first = forward.get(60, TimeUnit.SECONDS);
			second = backward.get(60, TimeUnit.SECONDS);
		}
		finally {
			system.resumeWorker();
		}
		assertThat(first.status()).as(first.body()).isEqualTo(202);
		assertThat(second.status()).as(second.body()).isEqualTo(202);
		assertThat(first.json().get("accepted").asInt() + second.json().get("accepted").asInt()).isEqualTo(2000);
		Map<String, Integer> refusals = new HashMap<>();
		for (ApiClient.Response answer : List.of(first, second)) {
			String rejections = "/api/v1/push-batches/" + answer.json().get("batch_id").asString()
					+ "/rejections?size=200&page=";
			JsonNode page;
			int number = 0;
			do {
				page = api.get(rejections + number++, losing.token()).json();
				page.get("items").forEach(r -> {
					assertThat(r.get("code").asString()).isEqualTo("PUSH_IN_PROGRESS");
					refusals.merge(r.get("domain").asString(), 1, Integer::sum);
				});
			}
			while (page.get("has_more").asBoolean());
		}
		// each domain was accepted by one batch and refused by the other
		assertThat(refusals).hasSize(2000);
		assertThat(refusals.values()).allMatch(n -> n == 1);
		assertThat(system.db.sql("select count(distinct domain_name) from pushes where domain_name = any(:d)")
			.param("d", domains.toArray(String[]::new))
			.query(Long.class)
			.single()).isEqualTo(2000);
	}

	private static String batch(Company gaining, List<String> domains) {
		return Scenario.batchBody(gaining.id(), domains);
	}

	/**
	 * Many domains at once, written straight to the database as provisioning would leave
	 * them.
	 */
	private static List<String> bulkDomains(Company owner, int count) {
		String prefix = "bulk" + owner.id() + "-";
		system.db
			.sql("""
					insert into domains (name, company_id) select :prefix || g || '.example', :owner from generate_series(1, :n) g""")
			.param("prefix", prefix)
			.param("owner", owner.id())
			.param("n", count)
			.update();
		system.db.sql("""
				insert into billing_periods (domain_id, company_id, starts_on)
				select domain_id, company_id, date_trunc('month', now()) from domains where name like :prefix || '%'""")
			.param("prefix", prefix)
			.update();
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			names.add(prefix + i + ".example");
		}
		return names;
	}

	private static Connection transaction() throws SQLException {
		Connection connection = DriverManager.getConnection(databaseUrl(), "postgres", "");
		connection.setAutoCommit(false);
		return connection;
	}

	private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.execute();
		}
	}

	private static long ownedDomains(Connection connection, long company) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("select count(*) from domains where company_id = ?")) {
			statement.setLong(1, company);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * Waits until a session of the services waits for a row lock (one running
	 * {@code query}, if given).
	 */
	private static void awaitWaitingOnALock(String query) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> system.db.sql("""
					select count(*) from pg_stat_activity
					 where datname = current_database() and wait_event_type = 'Lock'
					   and (cast(:query as text) is null or query like :query || '%')""")
				.param("query", query)
				.query(Long.class)
				.single() > 0);
	}

	private static String databaseUrl() {
		return system.services.api().getEnvironment().getProperty("spring.datasource.url");
	}

}
