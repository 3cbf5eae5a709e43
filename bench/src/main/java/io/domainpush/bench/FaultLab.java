package io.domainpush.bench;

import io.domainpush.local.LocalKafka;
import io.domainpush.local.LocalMode;

import java.net.URI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.PushStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything the fault scenarios act on and the invariants read: the database, the
 * broker, the SMTP server, the supervised services, the API, the companies and domains of
 * the run, the pushes that received a 202, and the violations seen while faults were
 * injected.
 */
final class FaultLab implements AutoCloseable {

	/** How long a push awaits approval in the lab before it expires. */
	static final String APPROVAL_EXPIRES_AFTER = "20s";

	static final String OPERATOR = "faults-operator-token-0123456789abcdef";

	/**
	 * The SMTP behaviours of the sink (see {@link SmtpSink}), each the address of a
	 * gaining company.
	 */
	static final List<String> SMTP_BEHAVIOURS = List.of("tempfail", "reject", "drop", "stall", "quitfail");

	final FaultSetting setting;

	final JdbcClient db;

	/** The broker, or the first node of the cluster. */
	final KafkaBroker kafka;

	/** Every broker: one, or the cluster's three ({@code --cluster}). */
	final List<KafkaBroker> brokers;

	/** The second push-api of the cluster setting (null otherwise). */
	Api secondApi;

	final SmtpSink mail;

	/** The network setting's paths (null otherwise). */
	NetworkLab network;

	final Supervisor services;

	final Api api;

	final Set<String> accepted = ConcurrentHashMap.newKeySet();

	final List<String> violations;

	final AtomicInteger faults = new AtomicInteger();

	/** Poison records produced on the requests topic (PoisonScenario). */
	final AtomicInteger poisonInjected = new AtomicInteger();

	final AtomicInteger eventPoisonInjected = new AtomicInteger();

	long losing;

	long gaining;

	/**
	 * A third company, allowed by and allowing the others, for conflicting and crossing
	 * pushes.
	 */
	long other;

	/** A company that wants one digest per batch (DigestScenario). */
	long digesting;

	final Map<String, Long> smtpCompanies = new LinkedHashMap<>();

	private FaultLab(FaultSetting setting, JdbcClient db, List<KafkaBroker> brokers, SmtpSink mail, Supervisor services,
			Api api, List<String> violations) {
		this.setting = setting;
		this.violations = violations;
		this.db = db;
		this.brokers = brokers;
		this.kafka = brokers.get(0);
		this.mail = mail;
		this.services = services;
		this.api = api;
	}

	/**
	 * The database, a broker, an SMTP sink, and the services (with their crash points) on
	 * loopback.
	 */
	static FaultLab start(FaultSetting setting) throws Exception {
		Path logs = Files.createDirectories(setting.root().resolve("bench/target/faults"));
		String url = Fixtures.createDatabase(setting.pg(), "domainpush_faults");
		JdbcClient db = Fixtures.migrated(url);
		if (setting.cluster()) {
			return startCluster(setting, logs, url, db);
		}
		if (setting.network()) {
			return startNetwork(setting, logs, url, db);
		}
		KafkaBroker kafka = KafkaBroker.start(setting.root(), logs);
		SmtpSink mail = new SmtpSink();
		List<String> violations = Collections.synchronizedList(new ArrayList<>());
		Supervisor services = new Supervisor(environment(url, kafka.bootstrapServers(), mail), setting.root(), logs,
				violations);
		int apiPort = Processes.freePort();
		services.reserve(apiPort);
		FaultLab lab = new FaultLab(setting, db, List.of(kafka), mail, services,
				new Api("http://127.0.0.1:" + apiPort, OPERATOR), violations);
		services.start("push-worker-1", "push-worker",
				Map.of("PUSH_TEST_CRASH_POINT", "worker-after-commit", "PUSH_TEST_CRASH_AFTER", "2"));
		services.start("push-worker-2", "push-worker", Map.of());
		services.start("notifier", "notifier",
				Map.of("PUSH_TEST_CRASH_POINT", "notifier-after-smtp", "PUSH_TEST_CRASH_AFTER", "1"));
		services.start("push-api", "push-api", Map.of("SERVER_PORT", String.valueOf(apiPort), "PUSH_TEST_CRASH_POINT",
				"outbox-after-commit", "PUSH_TEST_CRASH_AFTER", "5"));
		return lab;
	}

	/**
	 * The production topology on loopback: three brokers (topics with three replicas, at
	 * least two in sync), two push-api, three push-worker and two notifier processes; no
	 * crash points (the cluster's faults are its brokers and instances).
	 */
	private static FaultLab startCluster(FaultSetting setting, Path logs, String url, JdbcClient db) throws Exception {
		List<KafkaBroker> brokers = KafkaBroker.cluster(setting.root(), logs, 3);
		String bootstrap = String.join(",", brokers.stream().map(KafkaBroker::bootstrapServers).toList());
		SmtpSink mail = new SmtpSink();
		List<String> violations = Collections.synchronizedList(new ArrayList<>());
		Map<String, String> env = environment(url, bootstrap, mail);
		env.put("PUSH_KAFKA_REPLICAS", "3");
		env.put("PUSH_KAFKA_MIN_INSYNC_REPLICAS", "2");
		Supervisor services = new Supervisor(env, setting.root(), logs, violations);
		int apiPort = Processes.freePort();
		int secondApiPort = Processes.freePort();
		services.reserve(apiPort);
		services.reserve(secondApiPort);
		FaultLab lab = new FaultLab(setting, db, brokers, mail, services,
				new Api("http://127.0.0.1:" + apiPort, OPERATOR), violations);
		lab.secondApi = new Api("http://127.0.0.1:" + secondApiPort, OPERATOR);
		Map<String, String> instances = new LinkedHashMap<>();
		for (int i = 1; i <= 3; i++) {
			instances.put("push-worker-" + i, "push-worker");
		}
		instances.put("notifier-1", "notifier");
		instances.put("notifier-2", "notifier");
		instances.put("push-api-1", "push-api");
		instances.put("push-api-2", "push-api");
		services.startTogether(instances, Map.of("push-api-1", Map.of("SERVER_PORT", String.valueOf(apiPort)),
				"push-api-2", Map.of("SERVER_PORT", String.valueOf(secondApiPort))));
		return lab;
	}

	/**
	 * Two workers, a notifier and push-api whose paths the network faults cut or slow
	 * ({@link NetworkLab}); no crash points.
	 */
	private static FaultLab startNetwork(FaultSetting setting, Path logs, String url, JdbcClient db) throws Exception {
		URI database = URI.create(url.substring("jdbc:".length()));
		NetworkLab network = new NetworkLab(database.getPort());
		KafkaBroker kafka = KafkaBroker.start(setting.root(), logs,
				List.of(new LocalKafka.Listener("WORKER", network.workerKafkaPort, network.workerKafkaPort),
						new LocalKafka.Listener("API", network.apiKafkaPort, network.apiKafka.port())));
		SmtpSink mail = new SmtpSink();
		List<String> violations = Collections.synchronizedList(new ArrayList<>());
		String relayed = "jdbc:postgresql://127.0.0.1:" + network.database.port() + database.getPath();
		Map<String, String> env = environment(relayed, kafka.bootstrapServers(), mail);
		env.put("PUSH_WEBHOOKS_SECRET_KEY", LocalMode.newWebhookKey());
		env.put("PUSH_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
		env.put("PUSH_WEBHOOKS_INITIAL_BACK_OFF", "500ms");
		env.put("PUSH_WEBHOOKS_MAX_BACK_OFF", "2s");
		Supervisor services = new Supervisor(env, setting.root(), logs, violations);
		int apiPort = Processes.freePort();
		services.reserve(apiPort);
		FaultLab lab = new FaultLab(setting, db, List.of(kafka), mail, services,
				new Api("http://127.0.0.1:" + apiPort, OPERATOR), violations);
		lab.network = network;
		services.start(NetworkLab.FAULTED_WORKER, "push-worker",
				Map.of("SPRING_DATASOURCE_URL", relayed + "?localSocketAddress=" + NetworkLab.WORKER_ADDRESS,
						"SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + network.workerKafkaPort));
		services.start("push-worker-2", "push-worker", Map.of());
		services.start("notifier", "notifier", Map.of());
		services.start("push-api", "push-api", Map.of("SERVER_PORT", String.valueOf(apiPort),
				"SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + network.apiKafka.port()));
		return lab;
	}

	String bootstrapServers() {
		return String.join(",", brokers.stream().map(KafkaBroker::bootstrapServers).toList());
	}

	private static Map<String, String> environment(String url, String bootstrapServers, SmtpSink mail) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", url);
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
		env.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
		env.put("PUSH_SECURITY_OPERATOR_TOKEN", OPERATOR);
		env.put("PUSH_API_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000");
		env.put("PUSH_KAFKA_RETRY_MAX_BACK_OFF", "2s");
		// notification retries scaled down so the suite's outages see many attempts
		env.put("PUSH_NOTIFIER_RETRY_INITIAL_BACK_OFF", "500ms");
		env.put("PUSH_NOTIFIER_RETRY_MAX_BACK_OFF", "2s");
		env.put("PUSH_NOTIFIER_RETRY_POLL_INTERVAL", "500ms");
		// a crashed notifier's claims come back after 30 s; each attempt ends within 5 s,
		// so a run never outlives its lease
		env.put("PUSH_DELIVERY_CLAIM_LEASE", "30s");
		env.put("PUSH_NOTIFIER_SEND_DEADLINE", "5s");
		env.put("PUSH_WEBHOOKS_DELIVERY_DEADLINE", "5s");
		// lost requests are requested again after 30 s: under these faults the copies
		// must change nothing
		env.put("PUSH_API_RECOVERY_AFTER", "30s");
		env.put("PUSH_API_RECOVERY_INTERVAL", "5s");
		// approvals expire while the suite watches (WaitsScenario)
		env.put("PUSH_API_WAITING_APPROVAL_EXPIRES_AFTER", APPROVAL_EXPIRES_AFTER);
		return env;
	}

	/**
	 * The companies (L loses domains to G; H is allowed by both and allows L back; one
	 * company per SMTP behaviour) and the domains of every scenario.
	 */
	void provision() throws Exception {
		losing = api.company("L");
		gaining = api.company("G");
		for (String behaviour : SMTP_BEHAVIOURS) {
			long company = api.company(behaviour);
			api.allow(company, behaviour + "@gaining.example", losing);
			smtpCompanies.put(behaviour, company);
		}
		other = api.company("H");
		api.allow(other, null, losing, gaining);
		api.allow(gaining, "noc@gaining.example", losing, other);
		api.allow(losing, null, other);
		digesting = api.company("D");
		api.allow(digesting, "digest@gaining.example", losing);
		Fixtures.domains(db, losing, "single", 20, 3);
		Fixtures.domains(db, losing, "smtp", 2 * SMTP_BEHAVIOURS.size(), 1);
		Fixtures.domains(db, losing, "smtpdown", 10, 1);
		Fixtures.domains(db, losing, "outage", 10, 1);
		Fixtures.domains(db, losing, "conflict", 5, 1);
		Fixtures.domains(db, other, "swap", 5, 1);
		Fixtures.domains(db, losing, "revoke", 100, 1);
		Fixtures.domains(db, losing, "bulk", setting.domains(), 3);
		Fixtures.domains(db, losing, "digest", DigestScenario.DOMAINS, 1);
		Fixtures.domains(db, losing, "planned", WaitsScenario.PLANNED, 1);
		Fixtures.domains(db, losing, "awaiting", WaitsScenario.AWAITING, 1);
		if (setting.cluster()) {
			Fixtures.domains(db, losing, "stream", ClusterScenario.STREAM_DOMAINS, 1);
		}
		if (setting.network()) {
			Fixtures.domains(db, losing, "netstream", NetworkFault.STREAM_DOMAINS, 1);
			for (String prefix : List.of("apifast", "apislow", "pgfast", "pgslow")) {
				// NetworkFault's runs with and without a slow path
				Fixtures.domains(db, losing, prefix, NetworkFault.SLOW_RUN_DOMAINS, 3);
			}
			api.post("/api/v1/companies/" + gaining + "/webhooks",
					"{\"url\":\"" + network.hooks.url() + "\",\"events\":[\"push.completed\"]}");
		}
	}

	/** Remembers the pushes of an accepted batch. */
	void remember(String batchId) {
		db.sql("select push_id::text from pushes where batch_id = cast(:b as uuid)")
			.param("b", batchId)
			.query(String.class)
			.list()
			.forEach(accepted::add);
	}

	/** Submits a push and remembers it was accepted. */
	void push(String domain, long to) throws Exception {
		accepted.add(api.push(domain, to));
	}

	/**
	 * Nothing left to do: no open push, no unpublished outbox row, no notification or
	 * digest waiting.
	 */
	boolean quiet() {
		return db.sql("select count(*) from pushes where status = any(:open)")
			.param("open", PushStatus.openNames())
			.query(Long.class)
			.single() == 0
				&& db.sql("select count(*) from outbox").query(Long.class).single() == 0
				&& db.sql("select count(*) from notifications where status = :s")
					.param("s", NotificationStatus.PENDING.name())
					.query(Long.class)
					.single() == 0
				&& db.sql("select count(*) from notification_digests where status = :s")
					.param("s", NotificationStatus.PENDING.name())
					.query(Long.class)
					.single() == 0;
	}

	void fault() {
		faults.incrementAndGet();
	}

	void say(String format, Object... args) {
		System.out.println("[faults] " + String.format(format, args));
	}

	@Override
	public void close() {
		services.close();
		brokers.forEach(KafkaBroker::close);
		if (network != null) {
			try {
				network.close();
			}
			catch (java.io.IOException ex) {
				say("could not remove the network faults' rules: %s", ex.getMessage());
			}
		}
		try {
			mail.close();
		}
		catch (java.io.IOException ignored) {
			// the sink's port closes with the JVM anyway
		}
	}

}
