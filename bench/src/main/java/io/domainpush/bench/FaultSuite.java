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
 * Fault injection (first part of issue 5, not yet in CI): the services run as separate
 * processes on loopback; the suite crashes them at deterministic points (test-only
 * {@code push.test.crash.*}) and with {@code kill -9} during a bulk push, injects poison
 * records, waits until the system is quiet and checks the invariants I1–I6. Run:
 * {@code java -jar bench/target/domain-push-bench.jar faults [--domains=N]}.
 */
final class FaultSuite {

	private static final String OPERATOR = "faults-operator-token-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Managed> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, String> env = new LinkedHashMap<>();

	private final Path root;

	private final Path logs;

	private int faults;

	private int exitCode = 2;

	private final List<String> conflictViolations = java.util.Collections.synchronizedList(new ArrayList<>());

	private java.util.function.Supplier<Long> revocationCheck = () -> 0L;

	FaultSuite(Path root) throws Exception {
		this.root = root;
		this.logs = Files.createDirectories(root.resolve("bench/target/faults"));
	}

	private Map<String, String> options = Map.of();

	static void run(Map<String, String> options) throws Exception {
		boolean long_ = options.containsKey("long");
		FaultSuite suite = new FaultSuite(Path.of(options.getOrDefault("root", ".")));
		suite.options = options;
		suite.execute(Integer.parseInt(options.getOrDefault("domains", long_ ? "5000" : "1000")),
				Integer.parseInt(options.getOrDefault("kills", long_ ? "10" : "3")),
				options.getOrDefault("pg", "jdbc:postgresql://127.0.0.1:5432/postgres"));
	}

	private void execute(int domains, int kills, String pg) throws Exception {
		boolean long_ = options.containsKey("long");
		int brokerPause = Integer.parseInt(options.getOrDefault("broker-pause", long_ ? "50" : "12"));
		List<Integer> pgOutages = long_ ? List.of(30, 90)
				: List.of(Integer.parseInt(options.getOrDefault("pg-outage", "8")));
		String url = Fixtures.createDatabase(pg, "domainpush_faults");
		JdbcClient db = Fixtures.migrated(url);
		int kafkaPort = Bench.freePort();
		Path kafkaDir = Files.createTempDirectory("faults-kafka");
		List<String> kafkaCommand = List.of(Bench.java(), "-Xmx512m", "-jar",
				root.resolve("bench/target/domain-push-bench.jar").toString(), "kafka", String.valueOf(kafkaPort),
				kafkaDir.toString());
		Process kafka = Bench.start(logs.resolve("kafka.log"), kafkaCommand, Map.of());
		Thread.sleep(6000); // the broker's start-up; the services would retry anyway
		Process[] kafkaHolder = { kafka };
		try (SmtpSink mail = new SmtpSink()) {
			env.put("SPRING_DATASOURCE_URL", url);
			env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
			env.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
			env.put("PUSH_SECURITY_OPERATOR_TOKEN", OPERATOR);
			env.put("PUSH_API_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000");
			env.put("PUSH_KAFKA_RETRY_MAX_BACK_OFF", "2s");
			// notification retries scaled down: with these back-offs the former limit of
			// 10 attempts (about
			// 3 minutes with the defaults of then) was reached after about 15 s; the SMTP
			// outage below lasts longer
			env.put("PUSH_NOTIFIER_RETRY_INITIAL_BACK_OFF", "500ms");
			env.put("PUSH_NOTIFIER_RETRY_MAX_BACK_OFF", "2s");
			env.put("PUSH_NOTIFIER_RETRY_POLL_INTERVAL", "500ms");
			env.put("PUSH_NOTIFIER_CLAIM_LEASE", "30s");
			// lost requests are requested again after 30 s: under these faults the copies
			// must change nothing
			env.put("PUSH_API_RECOVERY_AFTER", "30s");
			env.put("PUSH_API_RECOVERY_INTERVAL", "5s");
			int apiPort = Bench.freePort();
			start("push-worker-1", "push-worker",
					Map.of("PUSH_TEST_CRASH_POINT", "worker-after-commit", "PUSH_TEST_CRASH_AFTER", "2"));
			start("push-worker-2", "push-worker", Map.of());
			start("notifier", "notifier",
					Map.of("PUSH_TEST_CRASH_POINT", "notifier-after-smtp", "PUSH_TEST_CRASH_AFTER", "1"));
			start("push-api", "push-api", Map.of("SERVER_PORT", String.valueOf(apiPort), "PUSH_TEST_CRASH_POINT",
					"outbox-after-commit", "PUSH_TEST_CRASH_AFTER", "5"));
			Thread supervisor = new Thread(this::supervise, "fault-supervisor");
			supervisor.setDaemon(true);
			supervisor.start();
			Bench.Api api = new Bench.Api("http://127.0.0.1:" + apiPort);
			long losing = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"L\",\"cluster\":\"a\"}")
				.get("company_id")
				.asLong();
			long gaining = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"G\",\"cluster\":\"a\"}")
				.get("company_id")
				.asLong();
			api.put("/api/v1/companies/" + gaining + "/domain-push", OPERATOR,
					"{\"allowed_companies\":[" + losing + "],\"notification_email\":\"noc@gaining.example\"}");
			Map<String, Long> smtpFaulty = new LinkedHashMap<>();
			for (String behaviour : List.of("tempfail", "reject", "drop", "stall", "quitfail")) {
				long company = api
					.post("/api/v1/companies", OPERATOR, "{\"name\":\"" + behaviour + "\",\"cluster\":\"a\"}")
					.get("company_id")
					.asLong();
				api.put("/api/v1/companies/" + company + "/domain-push", OPERATOR, "{\"allowed_companies\":[" + losing
						+ "],\"notification_email\":\"" + behaviour + "@gaining.example\"}");
				smtpFaulty.put(behaviour, company);
			}
			long other = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"H\",\"cluster\":\"a\"}")
				.get("company_id")
				.asLong();
			api.put("/api/v1/companies/" + other + "/domain-push", OPERATOR,
					"{\"allowed_companies\":[" + losing + "," + gaining + "],\"notification_email\":null}");
			api.put("/api/v1/companies/" + gaining + "/domain-push", OPERATOR, "{\"allowed_companies\":[" + losing + ","
					+ other + "],\"notification_email\":\"noc@gaining.example\"}");
			// for the A->B / B->A swaps: the losing company allows "other" back
			api.put("/api/v1/companies/" + losing + "/domain-push", OPERATOR,
					"{\"allowed_companies\":[" + other + "],\"notification_email\":null}");
			Fixtures.domains(db, losing, "single", 20, 3);
			Fixtures.domains(db, losing, "smtp", 10, 1);
			Fixtures.domains(db, losing, "smtpdown", 10, 1);
			Fixtures.domains(db, losing, "outage", 10, 1);
			Fixtures.domains(db, losing, "conflict", 5, 1);
			Fixtures.domains(db, other, "swap", 5, 1);
			Fixtures.domains(db, losing, "revoke", 100, 1);
			Fixtures.domains(db, losing, "bulk", domains, 3);
			Map<String, String> before = fingerprints(db);
			Set<String> accepted = ConcurrentHashMap.newKeySet();

			say("crash points: push-api after its 5th outbox commit, worker-1 after its 2nd transaction, notifier after its first SMTP send (before the QUIT-reset recipients, whose copies are counted)");
			for (int i = 1; i <= 20; i++) {
				String body = "{\"domain\":\"single" + i + ".example\",\"gaining_company_id\":" + gaining + "}";
				try {
					accepted.add(api.post("/api/v1/pushes", OPERATOR, body).get("push_id").asString());
				}
				catch (Exception ex) {
					// the API died after storing this push: no 202 was received, the push
					// must still finish
					say("    push %d: no answer (%s)", i, ex.getClass().getSimpleName());
					awaitUp(api);
				}
			}
			// the notifier's crash point fires at its first send: let it happen among
			// these pushes' emails, not
			// among the QUIT-reset recipient's below, whose copies I5b counts
			Bench.waitFor(() -> services.get("notifier").restarts > 0 && mail.messages() > 0, Duration.ofMinutes(3));
			say("SMTP faults: 4xx twice, 5xx, connection dropped after DATA, server stalling past the timeout, QUIT reset");
			int n = 1;
			for (Map.Entry<String, Long> faulty : smtpFaulty.entrySet()) {
				for (int i = 0; i < 2; i++, n++) {
					accepted
						.add(api
							.post("/api/v1/pushes", OPERATOR, "{\"domain\":\"smtp" + n
									+ ".example\",\"gaining_company_id\":" + faulty.getValue() + "}")
							.get("push_id")
							.asString());
				}
				faults++;
			}

			int smtpOutage = Integer.parseInt(options.getOrDefault("smtp-outage", long_ ? "60" : "25"));
			say("SMTP server down for %d s while 10 pushes complete (past the former attempt limit)", smtpOutage);
			mail.stop();
			for (int i = 1; i <= 10; i++) {
				accepted.add(api
					.post("/api/v1/pushes", OPERATOR,
							"{\"domain\":\"smtpdown" + i + ".example\",\"gaining_company_id\":" + gaining + "}")
					.get("push_id")
					.asString());
			}
			Thread.sleep(smtpOutage * 1000L); // the outage
			mail.restart();
			faults++;

			say("conflicting pushes: one domain to two companies at once; A->B and B->A at once");
			for (int i = 1; i <= 5; i++) {
				String domain = "conflict" + i + ".example";
				List<Thread> racers = new ArrayList<>();
				List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
				for (long target : List.of(gaining, other)) {
					racers.add(startThread(() -> {
						try {
							accepted.add(api
								.post("/api/v1/pushes", OPERATOR,
										"{\"domain\":\"" + domain + "\",\"gaining_company_id\":" + target + "}")
								.get("push_id")
								.asString());
							statuses.add(202);
						}
						catch (Exception ex) {
							statuses.add(409);
						}
					}));
				}
				Thread swap = startThread(() -> {
					try {
						accepted.add(api
							.post("/api/v1/pushes", OPERATOR,
									"{\"domain\":\"swap" + domain.replaceAll("\\D", "")
											+ ".example\",\"gaining_company_id\":" + losing + "}")
							.get("push_id")
							.asString());
					}
					catch (Exception ex) {
						conflictViolations.add("swap push refused: " + ex.getMessage());
					}
				});
				for (Thread racer : racers) {
					racer.join();
				}
				swap.join();
				if (statuses.stream().filter(st -> st == 202).count() != 1) {
					conflictViolations.add("conflict: " + domain + " accepted " + statuses);
				}
				faults++;
			}

			say("bulk push of %d domains with kill -9 of a worker every 1.5 s, %d times", domains, kills);
			JsonNode batch = api.post("/api/v1/push-batches", OPERATOR, Bench.batchBody(gaining, "bulk", domains));
			db.sql("select push_id::text from pushes where batch_id = cast(:b as uuid)")
				.param("b", batch.get("batch_id").asString())
				.query(String.class)
				.list()
				.forEach(accepted::add);
			Random random = new Random(42);
			for (int k = 0; k < kills; k++) {
				Thread.sleep(1500); // the fault schedule: one kill every 1.5 s
				String victim = random.nextBoolean() ? "push-worker-1" : "push-worker-2";
				say("    kill -9 %s", victim);
				services.get(victim).expectExit = true;
				services.get(victim).process.destroyForcibly();
				faults++;
			}
			say("scale-out: a third worker joins, then one leaves (rebalances during the bulk push)");
			start("push-worker-3", "push-worker", Map.of());
			services.get("push-worker-3").stopped = true;
			services.get("push-worker-3").process.destroy();
			faults += 2;

			say("permission revoked while 100 pushes are in flight");
			api.post("/api/v1/push-batches", OPERATOR, Bench.batchBody(other, "revoke", 100));
			api.put("/api/v1/companies/" + other + "/domain-push", OPERATOR,
					"{\"allowed_companies\":[" + gaining + "],\"notification_email\":null}");
			java.time.OffsetDateTime revokedAt = db.sql("""
					select max(at) from audit_log where action = 'DOMAIN_PUSH_SETTINGS_CHANGED' and company_id = :c""")
				.param("c", other)
				.query(java.time.OffsetDateTime.class)
				.single();
			db.sql("select push_id::text from pushes where domain_name like 'revoke%'")
				.query(String.class)
				.list()
				.forEach(accepted::add);
			faults++;

			say("broker killed (kill -9) with pushes coming in, restarted after 5 s");
			kafkaHolder[0].destroyForcibly().waitFor();
			for (int i = 1; i <= 5; i++) {
				accepted.add(api
					.post("/api/v1/pushes", OPERATOR,
							"{\"domain\":\"outage" + i + ".example\",\"gaining_company_id\":" + gaining + "}")
					.get("push_id")
					.asString());
			}
			Thread.sleep(5000); // the outage
			kafkaHolder[0] = Bench.start(logs.resolve("kafka-2.log"), kafkaCommand, Map.of());
			faults++;
			say("broker paused (SIGSTOP) for %d s, past the consumers' session timeout in the long run", brokerPause);
			signal(kafkaHolder[0], "STOP");
			Thread.sleep(brokerPause * 1000L); // the pause
			signal(kafkaHolder[0], "CONT");
			faults++;

			String version = Files.exists(Path.of("/etc/postgresql")) ? Files.list(Path.of("/etc/postgresql"))
				.findFirst()
				.map(p -> p.getFileName().toString())
				.orElse(null) : null;
			if (version != null && !options.containsKey("skip-pg")) {
				for (int seconds : pgOutages) {
					say("PostgreSQL stopped for %d s", seconds);
					command("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
					int refused = 0;
					for (int i = 6; i <= 8; i++) {
						try {
							api.post("/api/v1/pushes", OPERATOR,
									"{\"domain\":\"outage" + i + ".example\",\"gaining_company_id\":" + gaining + "}");
							conflictViolations.add("a push was answered 202 while PostgreSQL was down");
						}
						catch (IllegalStateException ex) {
							if (ex.getMessage().contains("-> 503")) {
								refused++;
							}
							else {
								conflictViolations
									.add("while PostgreSQL was down a push got " + ex.getMessage() + " (503 expected)");
							}
						}
					}
					Thread.sleep(seconds * 1000L); // the outage
					command("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
					say("    %d of 3 submissions during the outage answered 503", refused);
					faults++;
				}
			}
			revocationCheck = () -> db
				.sql("""
						select count(*) from pushes where domain_name like 'revoke%' and status = 'COMPLETED' and completed_at > :at""")
				.param("at", revokedAt)
				.query(Long.class)
				.single();

			produce(kafkaPort, "domain-push.requests", "poison-key",
					"{\"type\":\"PushRequested\",\"version\":1,\"push_id\":");
			produce(kafkaPort, "domain-push.requests", "poison-key", "{\"type\":\"PushRequested\",\"version\":42}");
			faults += 2;

			say("waiting until the system is quiet");
			Bench.waitFor(() -> quiet(db, mail), Duration.ofMinutes(5));
			List<String> violations = check(db, mail, kafkaPort, accepted, before);
			violations.addAll(conflictViolations);
			long lateCompletions = revocationCheck.get();
			if (lateCompletions > 0) {
				violations.add("I8: " + lateCompletions + " pushes COMPLETED after the permission was revoked");
			}
			db.sql("select status || ' ' || coalesce(reason, '') || ' ' || count(*) from pushes group by status, reason order by 1")
				.query(String.class)
				.list()
				.forEach(line -> say("    outcome %s", line));
			db.sql("select status || ' ' || count(*) from notifications group by status order by 1")
				.query(String.class)
				.list()
				.forEach(line -> say("    notification %s", line));
			System.out.println();
			System.out.printf(
					"faults injected: %d (3 crash points, %d kill -9 of workers, 5 SMTP faults, SMTP outage %d s, 5 conflicts, scale-out, revocation, broker kill and pause, PostgreSQL outages %s, 2 poison records); restarts: %d%n",
					faults, kills, smtpOutage, pgOutages, services.values().stream().mapToInt(m -> m.restarts).sum());
			System.out.printf(
					"pushes: %d accepted with 202, %d in the database; emails: %d messages, %d distinct Message-IDs%n",
					accepted.size(), db.sql("select count(*) from pushes").query(Long.class).single(), mail.messages(),
					mail.acceptedAt().size());
			System.out.printf("violations: %d%n", violations.size());
			violations.forEach(v -> System.out.println("  " + v));
			exitCode = violations.isEmpty() ? 0 : 1;
		}
		finally {
			services.values().forEach(m -> m.stopped = true);
			services.values().forEach(m -> m.process.destroy());
			kafkaHolder[0].destroy();
		}
		System.exit(exitCode);
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
			String status = db.sql("select status from pushes where push_id = cast(:p as uuid)")
				.param("p", push)
				.query(String.class)
				.optional()
				.orElse("MISSING");
			if (status.equals("ACCEPTED") || status.equals("MISSING")) {
				violations.add("I1: push " + push + " is " + status);
			}
		}
		// I2 each COMPLETED push applied exactly once
		db.sql("""
				select p.push_id::text, p.status, count(h.push_id) from pushes p left join push_history h using (push_id)
				 group by p.push_id, p.status having (p.status = 'COMPLETED') <> (count(h.push_id) = 1)""")
			.query((rs, n) -> "I2: push " + rs.getString(1) + " " + rs.getString(2) + " has " + rs.getLong(3)
					+ " history rows")
			.list()
			.forEach(violations::add);
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
			.query(String.class)
			.list()
			.forEach(d -> violations.add("I3: " + d + " is billed to another company than its owner"));
		db.sql("""
				select d.name from domains d where d.company_id <> coalesce((select h.to_company_id from push_history h
				 where h.domain_id = d.domain_id order by h.applied_at desc limit 1), d.company_id)""")
			.query(String.class)
			.list()
			.forEach(d -> violations.add("I3: " + d + " is not owned by its last push's gaining company"));
		// I4 one event per terminal push (copies of the same event are redeliveries, not
		// new events)
		Map<String, Set<String>> events = readEvents(kafkaPort);
		db.sql("select push_id::text from pushes where status in ('COMPLETED', 'REJECTED')")
			.query(String.class)
			.list()
			.forEach(push -> {
				int distinct = events.getOrDefault(push, Set.of()).size();
				if (distinct != 1) {
					violations.add("I4: push " + push + " has " + distinct + " distinct events");
				}
			});
		// I5 distinct Message-IDs received = pushes to be mailed
		long toMail = db.sql("select count(*) from notifications where recipient is not null and status = 'SENT'")
			.query(Long.class)
			.single();
		if (mail.acceptedAt().size() != toMail) {
			violations
				.add("I5: " + mail.acceptedAt().size() + " distinct Message-IDs for " + toMail + " SENT notifications");
		}
		// I7 nothing was given up on: no push FAILED, and no notification FAILED but
		// those the server refused (5xx)
		db.sql("select push_id::text || ' ' || coalesce(reason, '') from pushes where status = 'FAILED'")
			.query(String.class)
			.list()
			.forEach(p -> violations.add("I7: push " + p + " FAILED"));
		db.sql("""
				select push_id::text || ' to ' || recipient || ': ' || coalesce(last_error, '') from notifications
				 where status = 'FAILED' and recipient not like 'reject@%'""")
			.query(String.class)
			.list()
			.forEach(n -> violations.add("I7: notification of push " + n + " FAILED"));
		// I5b a message the server accepted is never sent again because closing the
		// connection failed
		db.sql("select message_id from notifications where recipient like 'quitfail@%'")
			.query(String.class)
			.list()
			.forEach(id -> {
				int copies = mail.copies().getOrDefault(id, 0);
				if (copies != 1) {
					violations.add("I5b: " + id + " (QUIT reset) accepted " + copies + " times");
				}
			});
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
			.query((rs, n) -> prints.put(rs.getString(1), rs.getString(2)))
			.list();
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

	private static Thread startThread(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

	private static void signal(Process process, String signal) throws Exception {
		command("kill", "-" + signal, String.valueOf(process.pid()));
	}

	private static void command(String... command) throws Exception {
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed");
		}
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

	/**
	 * Restarts every service that died (crash point or kill -9), without its crash point.
	 */
	private void supervise() {
		while (true) {
			for (Managed managed : new ArrayList<>(services.values())) {
				if (!managed.stopped && !managed.process.isAlive()) {
					try {
						say("    %s exited (%d), restarting", managed.name, managed.process.exitValue());
						boolean crashPoint = managed.extra.containsKey("PUSH_TEST_CRASH_POINT")
								&& managed.process.exitValue() == 137;
						if (crashPoint) {
							faults++;
						}
						else if (!managed.expectExit) {
							conflictViolations.add(managed.name + " exited by itself (" + managed.process.exitValue()
									+ "): services must recover without a restart");
						}
						managed.expectExit = false;
						managed.extra.remove("PUSH_TEST_CRASH_POINT");
						managed.extra.remove("PUSH_TEST_CRASH_AFTER");
						managed.restarts++;
						managed.launch();
					}
					catch (Exception ex) {
						// killed again while starting (or the database is down): the next
						// round restarts it
						managed.expectExit = true;
						say("    cannot restart %s yet: %s", managed.name, ex.getMessage());
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

		/**
		 * Set by the suite before it kills the process: that exit is a fault, not a
		 * failure.
		 */
		volatile boolean expectExit;

		volatile int restarts;

		Managed(String name, String service, Map<String, String> extra) {
			this.name = name;
			this.service = service;
			this.extra = extra;
		}

		void launch() throws Exception {
			Map<String, String> own = new LinkedHashMap<>(env);
			own.put("SERVER_PORT", extra.getOrDefault("SERVER_PORT", String.valueOf(Bench.freePort())));
			own.putAll(extra);
			process = Bench
				.start(logs.resolve(name + "-" + restarts + ".log"),
						List.of(Bench.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
								root.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar").toString()),
						own);
			Bench.awaitHealthy(Integer.parseInt(own.get("SERVER_PORT")), name);
		}

	}

}
