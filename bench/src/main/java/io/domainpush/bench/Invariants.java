package io.domainpush.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.Topics;
import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.PushStatus;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The invariants I1–I7 of the fault suite (docs/operations.md, "The fault suite"), read
 * once the system is quiet. Each method returns its violations, one line each.
 */
final class Invariants {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FaultLab lab;

	private final JdbcClient db;

	Invariants(FaultLab lab) {
		this.lab = lab;
		this.db = lab.db;
	}

	/**
	 * A fingerprint of each domain's users, messages and settings, to compare before and
	 * after.
	 */
	static Map<String, String> fingerprints(JdbcClient db) {
		Map<String, String> prints = new HashMap<>();
		db.sql("""
				select d.name, md5(coalesce(string_agg(u.user_id || u.mailbox || u.settings::text || coalesce(m.ids, ''), ','
				       order by u.user_id), '')) from domains d left join users u on u.domain_id = d.domain_id
				  left join (select user_id, string_agg(message_id || folder || size_bytes, ',' order by message_id) ids
				               from messages group by user_id) m on m.user_id = u.user_id
				 group by d.name""")
			.query((rs, n) -> prints.put(rs.getString(1), rs.getString(2)))
			.list();
		return prints;
	}

	List<String> check(Map<String, String> before) {
		List<String> violations = new ArrayList<>();
		violations.addAll(everyAcceptedPushIsTerminal());
		violations.addAll(everyCompletedPushAppliedOnce());
		violations.addAll(domainsUnchangedAndWhole(before));
		violations.addAll(oneEventPerTerminalPush());
		violations.addAll(oneEmailPerSentNotification());
		violations.addAll(onlyPoisonIsDeadLettered());
		violations.addAll(nothingGivenUp());
		return violations;
	}

	/** I1: every push that received a 202 reached a terminal state. */
	List<String> everyAcceptedPushIsTerminal() {
		Map<String, String> statuses = new HashMap<>();
		db.sql("select push_id::text, status from pushes")
			.query((rs, n) -> statuses.put(rs.getString(1), rs.getString(2)))
			.list();
		return lab.accepted.stream()
			.filter(push -> !statuses.containsKey(push) || !PushStatus.valueOf(statuses.get(push)).isTerminal())
			.map(push -> "I1: push " + push + " is " + statuses.getOrDefault(push, "MISSING"))
			.toList();
	}

	/** I2: a COMPLETED push has exactly one history row; any other push has none. */
	List<String> everyCompletedPushAppliedOnce() {
		return db
			.sql("""
					select p.push_id::text, p.status, count(h.push_id) from pushes p left join push_history h using (push_id)
					 group by p.push_id, p.status having (p.status = :completed) <> (count(h.push_id) = 1)""")
			.param("completed", PushStatus.COMPLETED.name())
			.query((rs, n) -> "I2: push " + rs.getString(1) + " " + rs.getString(2) + " has " + rs.getLong(3)
					+ " history rows")
			.list();
	}

	/**
	 * I3: users, messages and settings unchanged; every domain billed to and owned by the
	 * gaining company of its last push (never half-moved).
	 */
	List<String> domainsUnchangedAndWhole(Map<String, String> before) {
		List<String> violations = new ArrayList<>();
		Map<String, String> after = fingerprints(db);
		before.forEach((domain, print) -> {
			if (!print.equals(after.get(domain))) {
				violations.add("I3: users or messages of " + domain + " changed");
			}
		});
		db.sql("""
				select d.name from domains d join billing_periods b on b.domain_id = d.domain_id and b.ends_on is null
				 where b.company_id <> d.company_id""")
			.query(String.class)
			.list()
			.forEach(d -> violations.add("I3: " + d + " is billed to another company than its owner"));
		db.sql("""
				select d.name from domains d where d.company_id <> coalesce((select h.to_company_id from push_history h
				 where h.domain_id = d.domain_id order by h.applied_at desc limit 1), d.company_id)""")
			.query(String.class)
			.list()
			.forEach(d -> violations.add("I3: " + d + " is not owned by its last push's gaining company"));
		return violations;
	}

	/**
	 * I4: one event per COMPLETED or REJECTED push (copies of one event are redeliveries,
	 * not new events). Events of other kinds (a cancellation, a batch's end) are not
	 * counted here, nor the poison the suite injected.
	 */
	List<String> oneEventPerTerminalPush() {
		Map<String, Set<String>> events = new HashMap<>();
		for (ConsumerRecord<String, String> record : readAll(Topics.EVENTS)) {
			if (PoisonScenario.EVENT_POISON.contains(record.value())) {
				continue;
			}
			JsonNode event = JSON.readTree(record.value());
			String type = event.path("type").asString("");
			if (!type.equals(EventCodec.type(PushCompleted.class))
					&& !type.equals(EventCodec.type(PushRejected.class))) {
				continue;
			}
			events.computeIfAbsent(event.get("push_id").asString(), k -> new java.util.HashSet<>())
				.add(event.get("event_id").asString());
		}
		return db.sql("select push_id::text from pushes where status in (:completed, :rejected)")
			.param("completed", PushStatus.COMPLETED.name())
			.param("rejected", PushStatus.REJECTED.name())
			.query(String.class)
			.list()
			.stream()
			.filter(push -> events.getOrDefault(push, Set.of()).size() != 1)
			.map(push -> "I4: push " + push + " has " + events.getOrDefault(push, Set.of()).size() + " distinct events")
			.toList();
	}

	/**
	 * I5: the SMTP server received as many distinct Message-IDs as there are SENT
	 * notifications and digests.
	 */
	List<String> oneEmailPerSentNotification() {
		long sent = db.sql("""
				select (select count(*) from notifications where recipient is not null and status = :sent)
				     + (select count(*) from notification_digests where recipient is not null and status = :sent)""")
			.param("sent", NotificationStatus.SENT.name())
			.query(Long.class)
			.single();
		int received = lab.mail.acceptedAt().size();
		return received == sent ? List.of()
				: List.of("I5: " + received + " distinct Message-IDs for " + sent + " SENT notifications and digests");
	}

	/**
	 * I6: each dead-letter topic holds exactly the poison records injected into its
	 * topic, once each.
	 */
	List<String> onlyPoisonIsDeadLettered() {
		List<String> violations = new ArrayList<>();
		deadLettered(Topics.REQUESTS_DLT, lab.poisonInjected.get()).ifPresent(violations::add);
		deadLettered(Topics.EVENTS_DLT, lab.eventPoisonInjected.get()).ifPresent(violations::add);
		return violations;
	}

	private java.util.Optional<String> deadLettered(String topic, int injected) {
		int dead = readAll(topic).size();
		return dead == injected ? java.util.Optional.empty()
				: java.util.Optional.of("I6: " + topic + " holds " + dead + " records, " + injected + " were injected");
	}

	/**
	 * I7: nothing was given up on: no push FAILED, and no notification FAILED but those
	 * the server refused for good (5xx).
	 */
	List<String> nothingGivenUp() {
		List<String> violations = new ArrayList<>();
		db.sql("select push_id::text || ' ' || coalesce(reason, '') from pushes where status = :failed")
			.param("failed", PushStatus.FAILED.name())
			.query(String.class)
			.list()
			.forEach(p -> violations.add("I7: push " + p + " FAILED"));
		db.sql("""
				select n.push_id::text || ' to ' || n.recipient || ': ' || coalesce(n.last_error, '')
				  from notifications n join pushes p using (push_id)
				 where n.status = :failed and p.gaining_company_id <> :refusing""")
			.param("failed", NotificationStatus.FAILED.name())
			.param("refusing", lab.smtpCompanies.get("reject"))
			.query(String.class)
			.list()
			.forEach(n -> violations.add("I7: notification of push " + n + " FAILED"));
		return violations;
	}

	private List<ConsumerRecord<String, String>> readAll(String topic) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + System.nanoTime());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			int empty = 0;
			while (empty < 10) { // ten empty polls of 300 ms: the topic is read to its
									// end
				var batch = consumer.poll(Duration.ofMillis(300));
				empty = batch.isEmpty() ? empty + 1 : 0;
				batch.forEach(records::add);
			}
		}
		return records;
	}

}
