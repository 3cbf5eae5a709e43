package io.domainpush.systemtests;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison records are dead-lettered without blocking their partition; a database outage is
 * waited out, never skipped.
 */
class FailureHandlingIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldDeadLetterPoisonRecordsAndCompleteTheValidOnesBehindThem() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String domain = scenario.domain(losing, 1, null);
		String malformed = "{\"type\":\"PushRequested\",\"version\":1,\"push_id\":";
		String unknownVersion = "{\"type\":\"PushRequested\",\"version\":7,\"event_id\":\"6f1c2a8e-0000-4000-8000-000000000001\"}";
		// same key as the valid push, so all three share one partition and the poison
		// comes first
		system.produce(Topics.REQUESTS, domain, malformed);
		system.produce(Topics.REQUESTS, domain, unknownVersion);
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();

		system.awaitStatus(losing, pushId, "COMPLETED");
		List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
			.until(() -> deadLetters(Topics.REQUESTS_DLT, domain), records -> records.size() >= 2);
		assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
			.containsExactly(malformed, unknownVersion);
		assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull());
	}

	@Test
	void shouldRetryThroughDatabaseOutageWithoutSkippingThePush() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String domain = scenario.domain(losing, 1, null);
		double failuresBefore = listenerFailures();
		system.pauseWorker();
		String pushId;
		String database = system.db.sql("select current_database()").query(String.class).single();
		try {
			pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> system.db.sql("select count(*) from outbox").query(Long.class).single() == 0);
			blockDatabase(database, true);
			system.resumeWorker();
			// the worker keeps failing on the database and retrying the same record
			await().atMost(Duration.ofSeconds(60)).until(() -> listenerFailures() - failuresBefore >= 2);
		}
		finally {
			blockDatabase(database, false);
		}
		system.awaitStatus(losing, pushId, "COMPLETED");
		assertThat(system.db.sql("select count(*) from push_history where push_id = cast(:id as uuid)")
			.param("id", pushId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(deadLetters(Topics.REQUESTS_DLT, domain)).isEmpty();
	}

	@Test
	void shouldGiveUpAloneOnARequestThatFailsEveryTimeAndCompleteItsNeighbours() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		// three domains on one partition: their requests reach the worker in one poll
		List<String> domains = namesOnOnePartition(3);
		domains.forEach(name -> scenario.domain(losing, name, 1, null));
		String bad = domains.get(1);
		poison(bad, true);
		List<String> pushes = new ArrayList<>();
		system.pauseWorker();
		try {
			domains.forEach(domain -> pushes.add(scenario.push(losing, domain, gaining).get("push_id").asString()));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> system.db.sql("select count(*) from outbox").query(Long.class).single() == 0);
		}
		finally {
			system.resumeWorker();
		}
		try {
			system.awaitStatus(losing, pushes.get(0), "COMPLETED");
			system.awaitStatus(losing, pushes.get(2), "COMPLETED");
			JsonNode failed = system.awaitStatus(losing, pushes.get(1), "FAILED");
			assertThat(failed.get("reason").asString()).isEqualTo("PROCESSING_FAILED");
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(deadLetters(Topics.REQUESTS_DLT, bad)).hasSize(1));
			assertThat(system.db.sql("select company_id from domains where name = :d")
				.param("d", bad)
				.query(Long.class)
				.single()).isEqualTo(losing.id());
		}
		finally {
			poison(bad, false);
		}
	}

	@Test
	void shouldCompletePushesWhoseRequestsWereLostWithTheRequestsTopic() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		List<String> pushes = new ArrayList<>();
		double republishedBefore = system.counter(system.services.api(), "push.requests.republished");
		system.pauseWorker();
		try {
			for (int i = 0; i < 5; i++) {
				pushes.add(scenario.push(losing, scenario.domain(losing, 1, null), gaining).get("push_id").asString());
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> system.db.sql("select count(*) from outbox").query(Long.class).single() == 0);
			// the broker's data is gone, as after `docker compose down` without a Kafka
			// volume
			recreateTopic(Topics.REQUESTS);
		}
		finally {
			system.resumeWorker();
		}
		for (String push : pushes) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> "COMPLETED"
					.equals(api.get("/api/v1/pushes/" + push, losing.token()).json().get("status").asString()));
			assertThat(system.db.sql("select count(*) from push_history where push_id = cast(:id as uuid)")
				.param("id", push)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		assertThat(system.counter(system.services.api(), "push.requests.republished") - republishedBefore)
			.isGreaterThanOrEqualTo(5);
	}

	private static void recreateTopic(String topic) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
			int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
			admin.deleteTopics(List.of(topic)).all().get();
			await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
			// created again here, or already by a client asking for it (the broker
			// creates topics on demand)
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
				try {
					admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
						throw ex;
					}
				}
				return admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get()
					.get(topic)
					.partitions()
					.size() == partitions;
			});
		}
	}

	/**
	 * Makes every insert of a push's history for {@code domain} fail, as a violated
	 * constraint would.
	 */
	private static void poison(String domain, boolean on) {
		system.db.sql("create table if not exists test_poisoned_domains (name text primary key)").update();
		system.db.sql("""
				create or replace function test_refuse_poisoned() returns trigger language plpgsql as $$
				begin
				  if exists (select 1 from test_poisoned_domains p join domains d on d.name = p.name
				              where d.domain_id = new.domain_id) then
				    raise exception 'simulated defect for domain %', new.domain_id using errcode = '23514';
				  end if;
				  return new;
				end $$""").update();
		system.db.sql("drop trigger if exists test_refuse_poisoned on push_history").update();
		system.db.sql("""
				create trigger test_refuse_poisoned before insert on push_history
				for each row execute function test_refuse_poisoned()""").update();
		if (on) {
			system.db.sql("insert into test_poisoned_domains values (:d)").param("d", domain).update();
		}
		else {
			system.db.sql("delete from test_poisoned_domains where name = :d").param("d", domain).update();
		}
	}

	/** Fresh domain names whose records all go to one partition of the requests topic. */
	private static List<String> namesOnOnePartition(int count) {
		int partitions = system.services.api().getEnvironment().getProperty("push.kafka.partitions", Integer.class, 12);
		List<String> names = new ArrayList<>();
		Integer target = null;
		while (names.size() < count) {
			String name = scenario.uniqueDomain();
			int partition = Utils.toPositive(Utils.murmur2(name.getBytes(StandardCharsets.UTF_8))) % partitions;
			if (target == null || target == partition) {
				target = partition;
				names.add(name);
			}
		}
		return names;
	}

	private static double listenerFailures() {
		return system.services.worker()
			.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.find("spring.kafka.listener")
			.tag("result", "failure")
			.timers()
			.stream()
			.mapToDouble(t -> t.count())
			.sum();
	}

	/**
	 * Refuses new connections to the test database and cuts the existing ones: PostgreSQL
	 * is "down" for it.
	 */
	private static void blockDatabase(String database, boolean block) throws SQLException {
		String url = adminUrl();
		try (Connection admin = DriverManager.getConnection(url, "postgres", "");
				Statement s = admin.createStatement()) {
			s.execute("alter database " + database + " allow_connections " + !block);
			if (block) {
				s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
						+ "' and pid <> pg_backend_pid()");
			}
		}
	}

	private static String adminUrl() {
		String url = system.services.worker().getEnvironment().getProperty("spring.datasource.url");
		return url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
	}

	private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-dlt-reader-" + System.nanoTime());
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						found.add(record);
					}
				}
			}
		}
		return found;
	}

}
