package io.domainpush.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault injection (first part of issue 5, not yet in CI): the services run as separate processes on
 * loopback; the suite crashes them at deterministic points (test-only {@code push.test.crash.*}) and with
 * {@code kill -9} during a bulk push, injects poison records, waits until the system is quiet and checks
 * the invariants I1–I6. Run: {@code java -jar bench/target/domain-push-bench.jar faults [--domains=N]}.
 */
final class FaultSuite {

	private static final String OPERATOR = "faults-operator-token-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Managed> services = new LinkedHashMap<>();

	private final Map<String, String> env = new LinkedHashMap<>();

	private final Path root;

	private final Path logs;

	private int faults;

	FaultSuite(Path root) throws Exception {
		this.root = root;
		this.logs = Files.createDirectories(root.resolve("bench/target/faults"));
	}

	static void run(Map<String, String> options) throws Exception {
		new FaultSuite(Path.of(options.getOrDefault("root", "."))).execute(
				Integer.parseInt(options.getOrDefault("domains", "1000")),
				Integer.parseInt(options.getOrDefault("kills", "3")),
				options.getOrDefault("pg", "jdbc:postgresql://127.0.0.1:5432/postgres"));
	}

	private void execute(int domains, int kills, String pg) throws Exception {
		String url = Fixtures.createDatabase(pg, "domainpush_faults");
		JdbcClient db = Fixtures.migrated(url);
		int kafkaPort = Bench.freePort();
		Process kafka = Bench.start(logs.resolve("kafka.log"), List.of(Bench.java(), "-Xmx512m", "-jar",
				root.resolve("bench/target/domain-push-bench.jar").toString(), "kafka", String.valueOf(kafkaPort)), Map.of());
		try (SmtpSink mail = new SmtpSink()) {
			env.put("SPRING_DATASOURCE_URL", url);
			env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
			env.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
			env.put("PUSH_SECURITY_OPERATOR_TOKEN", OPERATOR);
			env.put("PUSH_API_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000");
			env.put("PUSH_KAFKA_RETRY_MAX_BACK_OFF", "2s");
			int apiPort = Bench.freePort();
			start("push-worker-1", "push-worker", Map.of("PUSH_TEST_CRASH_POINT", "worker-after-commit", "PUSH_TEST_CRASH_AFTER", "2"));
			start("push-worker-2", "push-worker", Map.of());
			start("notifier", "notifier", Map.of("PUSH_TEST_CRASH_POINT", "notifier-after-smtp", "PUSH_TEST_CRASH_AFTER", "3"));
			start("push-api", "push-api", Map.of("SERVER_PORT", String.valueOf(apiPort), "PUSH_TEST_CRASH_POINT",
					"outbox-after-commit", "PUSH_TEST_CRASH_AFTER", "5"));
			Thread supervisor = new Thread(this::supervise, "fault-supervisor");
			supervisor.setDaemon(true);
			supervisor.start();
			Bench.Api api = new Bench.Api("http://127.0.0.1:" + apiPort);
			long losing = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"L\",\"cluster\":\"a\"}").get("company_id").asLong();
			long gaining = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"G\",\"cluster\":\"a\"}").get("company_id").asLong();
			api.put("/api/v1/companies/" + gaining + "/domain-push", OPERATOR,
					"{\"allowed_companies\":[" + losing + "],\"notification_email\":\"noc@gaining.example\"}");
			Fixtures.domains(db, losing, "single", 20, 3);
			Fixtures.domains(db, losing, "bulk", domains, 3);
			Map<String, String> before = fingerprints(db);
			Set<String> accepted = ConcurrentHashMap.newKeySet();

			say("crash points: push-api after its 5th outbox commit, worker-1 after its 2nd transaction, notifier after its 3rd SMTP send");
			for (int i = 1; i <= 20; i++) {
				String body = "{\"domain\":\"single" + i + ".example\",\"gaining_company_id\":" + gaining + "}";
				try {
					accepted.add(api.post("/api/v1/pushes", OPERATOR, body).get("push_id").asString());
				}
				catch (Exception ex) {
					// the API died after storing this push: no 202 was received, the push must still finish
					say("    push %d: no answer (%s)", i, ex.getClass().getSimpleName());
					awaitUp(api);
				}
			}
			say("bulk push of %d domains with kill -9 of a worker every 1.5 s, %d times", domains, kills);
			JsonNode batch = api.post("/api/v1/push-batches", OPERATOR, Bench.batchBody(gaining, "bulk", domains));
			db.sql("select push_id::text from pushes where batch_id = cast(:b as uuid)")
				.param("b", batch.get("batch_id").asString()).query(String.class).list().forEach(accepted::add);
			Random random = new Random(42);
			for (int k = 0; k < kills; k++) {
				Thread.sleep(1500); // the fault schedule: one kill every 1.5 s
				String victim = random.nextBoolean() ? "push-worker-1" : "push-worker-2";
				say("    kill -9 %s", victim);
				services.get(victim).process.destroyForcibly();
				faults++;
			}
			produce(kafkaPort, "domain-push.requests", "poison-key", "{\"type\":\"PushRequested\",\"version\":1,\"push_id\":");
			produce(kafkaPort, "domain-push.requests", "poison-key", "{\"type\":\"PushRequested\",\"version\":42}");
			faults += 2;

			say("waiting until the system is quiet");
			Bench.waitFor(() -> quiet(db, mail), Duration.ofMinutes(5));
			List<String> violations = check(db, mail, kafkaPort, accepted, before);
			System.out.println();
			System.out.printf("faults injected: %d (3 crash points, %d kill -9, 2 poison records); restarts: %d%n", faults, kills,
					services.values().stream().mapToInt(m -> m.restarts).sum());
			System.out.printf("pushes: %d accepted with 202, %d in the database; emails: %d messages, %d distinct Message-IDs%n",
					accepted.size(), db.sql("select count(*) from pushes").query(Long.class).single(), mail.messages(),
					mail.acceptedAt().size());
			System.out.printf("violations: %d%n", violations.size());
			violations.forEach(v -> System.out.println("  " + v));
		}
		finally {
			services.values().forEach(m -> m.stopped = true);
			services.values().forEach(m -> m.process.destroy());
			kafka.destroy();
		}
		System.exit(0);
	}

	private boolean quiet(JdbcClient db, SmtpSink mail) {
		long pending = db.sql("select count(*) from pushes where status = 'ACCEPTED'").query(Long.class).single();
		long outbox = db.sql("select count(*) from outbox").query(Long.class).single();
		long unsent = db.sql("select count(*) from notifications where status = 'PENDING'").query(Long.class).single();
		return pending == 0 && outbox == 0 && unsent == 0;
	}

	private List<String> check(JdbcClient db, SmtpSink mail, int kafkaPort, Set<String> accepted,
			Map<String, String> before) {
		List<String> violations = new ArrayList<>();
		// I1 every push that received 202 is terminal
		for (String push : accepted) {
			String status = db.sql("select status from pushes where push_id = cast(:p as uuid)").param("p", push)
				.query(String.class).optional().orElse("MISSING");
			if (status.equals("ACCEPTED") || status.equals("MISSING")) {
				violations.add("I1: push " + push + " is " + status);
			}
		}
		// I2 each COMPLETED push applied exactly once
		db.sql("""
				select p.push_id::text, p.status, count(h.push_id) from pushes p left join push_history h using (push_id)
				 group by p.push_id, p.status having (p.status = 'COMPLETED') <> (count(h.push_id) = 1)""")
			.query((rs, n) -> "I2: push " + rs.getString(1) + " " + rs.getString(2) + " has " + rs.getLong(3) + " history rows")
			.list().forEach(violations::add);
		// I3 users, messages and settings unchanged; no domain half-moved
		Map<String, String> after = fingerprints(db);
		before.forEach((domain, print) -> {
			if (!print.equals(after.get(domain))) {
				violations.add("I3: users or messages of " + domain + " changed");
			}
		});
		db.sql("""
				select d.name from domains d join billing_periods b on b.domain_id = d.domain_id and b.ends_on is null
				 where b.company_id <> d.company_id""")
			.query(String.class).list().forEach(d -> violations.add("I3: " + d + " is billed to another company than its owner"));
		db.sql("""
				select d.name from domains d where d.company_id <> coalesce((select h.to_company_id from push_history h
				 where h.domain_id = d.domain_id order by h.applied_at desc limit 1), d.company_id)""")
			.query(String.class).list().forEach(d -> violations.add("I3: " + d + " is not owned by its last push's gaining company"));
		// I4 one event per terminal push (copies of the same event are redeliveries, not new events)
		Map<String, Set<String>> events = readEvents(kafkaPort);
		db.sql("select push_id::text from pushes where status in ('COMPLETED', 'REJECTED')").query(String.class).list()
			.forEach(push -> {
				int distinct = events.getOrDefault(push, Set.of()).size();
				if (distinct != 1) {
					violations.add("I4: push " + push + " has " + distinct + " distinct events");
				}
			});
		// I5 distinct Message-IDs received = pushes to be mailed
		long toMail = db.sql("select count(*) from notifications where recipient is not null and status = 'SENT'")
			.query(Long.class).single();
		if (mail.acceptedAt().size() != toMail) {
			violations.add("I5: " + mail.acceptedAt().size() + " distinct Message-IDs for " + toMail + " SENT notifications");
		}
		// I6 dead-letter topic holds exactly the injected poison records
		int dead = readAll(kafkaPort, "domain-push.requests.DLT").size();
		if (dead != 2) {
			violations.add("I6: domain-push.requests.DLT holds " + dead + " records, 2 were injected");
		}
		return violations;
	}

	private static Map<String, String> fingerprints(JdbcClient db) {
		Map<String, String> prints = new HashMap<>();
		db.sql("""
				select d.name, md5(coalesce(string_agg(u.user_id || u.mailbox || u.settings::text || coalesce(m.ids, ''), ','
				       order by u.user_id), '')) from domains d left join users u on u.domain_id = d.domain_id
				  left join (select user_id, string_agg(message_id || folder || size_bytes, ',' order by message_id) ids
				               from messages group by user_id) m on m.user_id = u.user_id
				 group by d.name""")
			.query((rs, n) -> prints.put(rs.getString(1), rs.getString(2))).list();
		return prints;
	}

	private static Map<String, Set<String>> readEvents(int kafkaPort) {
		Map<String, Set<String>> events = new HashMap<>();
		for (ConsumerRecord<String, String> record : readAll(kafkaPort, "domain-push.events")) {
			JsonNode event = JSON.readTree(record.value());
			events.computeIfAbsent(event.get("push_id").asString(), k -> ConcurrentHashMap.newKeySet())
				.add(event.get("event_id").asString());
		}
		return events;
	}

	private static List<ConsumerRecord<String, String>> readAll(int kafkaPort, String topic) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + System.nanoTime());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			int empty = 0;
			while (empty < 10) {
				var batch = consumer.poll(Duration.ofMillis(300));
				empty = batch.isEmpty() ? empty + 1 : 0;
				batch.forEach(records::add);
			}
		}
		return records;
	}

	private static void produce(int kafkaPort, String topic, String key, String value) throws Exception {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
	}

	private void awaitUp(Bench.Api api) throws InterruptedException {
		Bench.waitFor(() -> {
			try {
				api.get("/api/v1/companies/1001", OPERATOR);
				return true;
			}
			catch (Exception ex) {
				return false;
			}
		}, Duration.ofMinutes(2));
	}

	private void start(String name, String service, Map<String, String> crash) throws Exception {
		Managed managed = new Managed(name, service, new LinkedHashMap<>(crash));
		services.put(name, managed);
		managed.launch();
	}

	/** Restarts every service that died (crash point or kill -9), without its crash point. */
	private void supervise() {
		while (true) {
			for (Managed managed : services.values()) {
				if (!managed.stopped && !managed.process.isAlive()) {
					try {
						say("    %s exited (%d), restarting", managed.name, managed.process.exitValue());
						if (managed.extra.containsKey("PUSH_TEST_CRASH_POINT")) {
							faults++;
						}
						managed.extra.remove("PUSH_TEST_CRASH_POINT");
						managed.extra.remove("PUSH_TEST_CRASH_AFTER");
						managed.restarts++;
						managed.launch();
					}
					catch (Exception ex) {
						say("    cannot restart %s: %s", managed.name, ex);
					}
				}
			}
			try {
				Thread.sleep(200); // supervision period
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static void say(String format, Object... args) {
		System.out.println("[faults] " + String.format(format, args));
	}

	private final class Managed {

		final String name;

		final String service;

		final Map<String, String> extra;

		volatile Process process;

		volatile boolean stopped;

		int restarts;

		Managed(String name, String service, Map<String, String> extra) {
			this.name = name;
			this.service = service;
			this.extra = extra;
		}

		void launch() throws Exception {
			Map<String, String> own = new LinkedHashMap<>(env);
			own.put("SERVER_PORT", extra.getOrDefault("SERVER_PORT", String.valueOf(Bench.freePort())));
			own.putAll(extra);
			process = Bench.start(logs.resolve(name + "-" + restarts + ".log"), List.of(Bench.java(), "-Xmx256m",
					"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
					root.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar").toString()), own);
			Bench.awaitHealthy(Integer.parseInt(own.get("SERVER_PORT")), name);
		}

	}


}
