package io.domainpush.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.local.LocalKafka;
import io.domainpush.local.LocalMail;
import io.domainpush.local.LocalZipkin;
import io.domainpush.local.LocalMode;
import io.domainpush.local.LocalServices;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.awaitility.Awaitility.await;

/**
 * The whole system on real components, started once per test JVM: a Kafka broker (KRaft,
 * in-process), PostgreSQL (a fresh database), a GreenMail SMTP server and the three
 * services, as local mode runs them. Test classes share it and keep apart by using their
 * own companies and domains.
 */
final class RunningSystem {

	static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

	/** The operator's console account (push.security.operator-username / -password). */
	static final String OPERATOR_USERNAME = "operator@test.example";

	static final String OPERATOR_PASSWORD = "console-Passw0rd-for-the-tests";

	private static RunningSystem instance;

	final LocalKafka kafka;

	final LocalMail mail;

	/**
	 * Where every span goes: every trace is sampled (TracingIntegrationTests reads them).
	 */
	final LocalZipkin zipkin;

	final LocalServices services;

	final ApiClient api;

	/** push-api's address: the API and the console. */
	final String baseUrl;

	final JdbcClient db;

	final Scenario scenario;

	private RunningSystem() {
		String dbUrl = TestPostgres.newDatabase();
		zipkin = LocalZipkin.launch(Path.of(LocalZipkin.JAR), 0, Path.of("target", "zipkin", "zipkin.log"));
		kafka = LocalKafka.start(0, 4);
		mail = LocalMail.start(0, 0);
		Map<String, Object> common = new LinkedHashMap<>();
		common.put("spring.datasource.url", dbUrl);
		common.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		common.put("spring.mail.port", mail.smtpPort());
		common.put("push.security.operator-token", OPERATOR_TOKEN);
		common.put("push.security.operator-username", OPERATOR_USERNAME);
		common.put("push.security.operator-password", OPERATOR_PASSWORD);
		// the tests sign in from one address, many times: the per-address throttle is
		// tested in push-api; delays short enough to wait out in a test
		common.put("push.security.accounts.throttle.free-failures-per-address", 10_000);
		common.put("push.security.accounts.throttle.first-delay", "100ms");
		common.put("push.security.accounts.throttle.max-delay", "2s");
		// loopback is the tests' reverse proxy: a test may say which address a request
		// comes from (X-Forwarded-For)
		common.put("push.api.trusted-proxies", "127.0.0.1");
		common.put("push.kafka.partitions", 4);
		common.put("push.kafka.retry.initial-back-off", "100ms");
		common.put("push.kafka.retry.max-back-off", "1s");
		common.put("push.notifier.retry.initial-back-off", "100ms");
		common.put("push.notifier.retry.max-back-off", "1s");
		common.put("push.notifier.retry.poll-interval", "200ms");
		// lost requests are recovered within seconds; a push that merely waits for a
		// paused worker may be
		// requested twice meanwhile, which the worker must (and does) recognise
		common.put("push.api.recovery.after", "5s");
		common.put("push.api.recovery.interval", "1s");
		common.put("push.outbox.poll-interval", "200ms");
		common.put("spring.datasource.hikari.connection-timeout", 2000);
		common.put("push.ops.lag-refresh", "1s");
		// the tests share one operator token and one address: limits are tested in
		// push-api's own tests
		common.put("push.api.rate-limit.requests-per-minute", 1_000_000);
		common.put("push.api.rate-limit.requests-per-minute-per-company", 1_000_000);
		// two overlapping 2,000-domain batches refuse each other's domains
		// (ConcurrencyIntegrationTests)
		common.put("push.api.limits.max-batch-rejections", 2000);
		common.put("push.api.rate-limit.failed-authentications-per-minute", 10_000);
		common.put("push.ops.lag-initial-delay", "1s");
		// push_domain waits this long for its push (30 s by default): the timeout test
		// waits it out
		common.put("push.oma.push-wait", "5s");
		common.put("push.webhooks.secret-key", LocalMode.newWebhookKey());
		// the test receivers listen on loopback
		common.put("push.webhooks.allow-private-networks", true);
		common.put("push.webhooks.initial-back-off", "100ms");
		common.put("push.webhooks.max-back-off", "1s");
		common.put("push.webhooks.poll-interval", "200ms");
		// a receiver that never answers is held longer than the emails take
		common.put("push.webhooks.delivery-deadline", "20s");
		common.put("management.tracing.sampling.probability", 1.0);
		common.put("management.tracing.export.zipkin.enabled", true);
		common.put("management.tracing.export.zipkin.endpoint", zipkin.spansEndpoint());
		zipkin.awaitHealthy();
		services = LocalServices.start(common, new int[] { 0, 0, 0 });
		baseUrl = "http://127.0.0.1:" + LocalServices.port(services.api());
		api = new ApiClient(baseUrl);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(dbUrl, "postgres", "");
		db = JdbcClient.create((DataSource) dataSource);
		scenario = new Scenario(api, OPERATOR_TOKEN);
	}

	static synchronized RunningSystem get() {
		if (instance == null) {
			instance = new RunningSystem();
			RunningSystem started = instance;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				started.services.close();
				started.mail.close();
				started.kafka.close();
				started.zipkin.close();
			}));
		}
		return instance;
	}

	/** A new administrator account of the company; @return its password */
	String admin(Scenario.Company company, String username) {
		String password = "console-" + UUID.randomUUID();
		ApiClient.Response created = api.post("/api/v1/companies/" + company.id() + "/admins", OPERATOR_TOKEN,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("admin not created: " + created);
		}
		return password;
	}

	/** Polls the push as {@code viewer} until its notification reaches {@code status}. */
	JsonNode awaitNotification(Scenario.Company viewer, String pushId, String status) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/pushes/" + pushId, viewer.token()).json(),
					p -> p.get("notification") != null && !p.get("notification").isNull()
							&& status.equals(p.get("notification").get("status").asString()));
	}

	/** Polls the push as {@code viewer} until it reaches {@code status}. */
	JsonNode awaitStatus(Scenario.Company viewer, String pushId, String status) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/pushes/" + pushId, viewer.token()).json(),
					p -> status.equals(p.get("status").asString()));
	}

	/**
	 * The count of a counter in one service's registry (0 if it was never incremented).
	 */
	double counter(org.springframework.context.ApplicationContext service, String name, String tag, String value) {
		return service.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.find(name)
			.tag(tag, value)
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

	/** The count of a counter of any tags in one service's registry. */
	double counter(org.springframework.context.ApplicationContext service, String name) {
		return service.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.find(name)
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

	/**
	 * Stops the worker's consumer so that state can change between acceptance and
	 * application.
	 */
	void pauseWorker() {
		workerRegistry().getListenerContainer("push-requests").stop();
	}

	void resumeWorker() {
		workerRegistry().getListenerContainer("push-requests").start();
	}

	/**
	 * Pauses the worker's consumers: they stay members of the group but fetch nothing, so
	 * lag builds up.
	 */
	void suspendWorkerFetching() {
		org.springframework.kafka.listener.MessageListenerContainer container = workerRegistry()
			.getListenerContainer("push-requests");
		container.pause();
		await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
	}

	void resumeWorkerFetching() {
		workerRegistry().getListenerContainer("push-requests").resume();
	}

	void pauseNotifier() {
		services.notifier().getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("push-events").stop();
	}

	void resumeNotifier() {
		services.notifier().getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("push-events").start();
	}

	private KafkaListenerEndpointRegistry workerRegistry() {
		return services.worker().getBean(KafkaListenerEndpointRegistry.class);
	}

	/** Sends a raw record, as a redelivery or a misbehaving producer would. */
	void produce(String topic, String key, String value) {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The push's request record delivered once more, as after a producer retry or a
	 * consumer crash before its commit.
	 */
	void redeliverRequest(JsonNode accepted, Scenario.Company losing, Scenario.Company gaining) {
		String domain = accepted.get("domain").asString();
		produce(Topics.REQUESTS, domain,
				EventCodec.encode(new PushRequested(UUID.randomUUID(),
						UUID.fromString(accepted.get("push_id").asString()), domain, losing.id(), gaining.id(),
						Instant.parse(accepted.get("submitted_at").asString()))));
	}

	/**
	 * Every event ever published, consumed by the webhooks' group once more: a replay.
	 */
	void replayEventsToWebhooks() {
		var container = services.notifier()
			.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("webhook-events");
		container.stop();
		try {
			rewind(Topics.WEBHOOK_GROUP, Topics.EVENTS);
		}
		finally {
			container.start();
		}
	}

	/** Every event ever published, consumed by the notifier once more: a replay. */
	void replayEventsToNotifier() {
		pauseNotifier();
		try {
			rewind(Topics.NOTIFIER_GROUP, Topics.EVENTS);
		}
		finally {
			resumeNotifier();
		}
	}

	/**
	 * Moves a stopped group's committed offsets back to the start of {@code topic}: a
	 * replay.
	 */
	void rewind(String group, String topic) {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
			for (TopicPartition partition : partitions(admin, topic)) {
				start.put(partition, new OffsetAndMetadata(0));
			}
			admin.alterConsumerGroupOffsets(group, start).all().get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Records of {@code topic} that {@code group} has not committed yet. */
	long lag(String group, String topic) {
		try (Admin admin = admin()) {
			List<TopicPartition> partitions = partitions(admin, topic);
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
				.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
				.all()
				.get();
			long lag = 0;
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata offset = committed.get(partition);
				lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
			}
			return lag;
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until every outbox row is published and both consumer groups have caught up.
	 */
	/**
	 * Everything a refused call could touch, hashed, to compare before and after it (last
	 * use of tokens aside: reading it is allowed; failed sign-ins are audited, and only
	 * those may be added).
	 */
	String fingerprint() {
		return db
			.sql("""
					select md5(concat_ws('|',
					  (select string_agg(c::text, ',' order by company_id) from companies c),
					  (select string_agg(a::text, ',' order by gaining_company_id, losing_company_id) from push_allowances a),
					  (select string_agg(token_id || coalesce(revoked_at::text, ''), ',' order by token_id) from api_tokens),
					  (select string_agg(account_id || username, ',' order by account_id) from accounts),
					  (select string_agg(b::text, ',' order by brand_id) from brands b),
					  (select string_agg(d::text, ',' order by domain_id) from domains d),
					  (select string_agg(p.push_id || p.status, ',' order by push_id) from pushes p),
					  (select string_agg(n.push_id || n.status || coalesce(n.recipient, ''), ',' order by push_id) from notifications n),
					  (select string_agg(w.webhook_id || w.url || md5(w.secret) || w.status, ',' order by webhook_id) from webhooks w),
					  (select count(*) from push_batches), (select count(*) from users),
					  (select count(*) from audit_log where action <> 'SIGN_IN_FAILED')))""")
			.query(String.class)
			.single();
	}

	/**
	 * Until every push that asked for approval has its approval request sent (or
	 * skipped): the notifier does it on its own, after the submission answered, so a
	 * comparison of the database before and after another call must wait for it.
	 */
	void awaitApprovalRequestsSettled() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> db
				.sql("""
						select count(*) from pushes p
						 where p.approval_deadline is not null
						   and not exists (select 1 from notifications n
						                    where n.push_id = p.push_id and n.audience = 'APPROVAL' and n.status <> 'PENDING')""")
				.query(Long.class)
				.single() == 0);
	}

	void awaitQuiet() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			org.assertj.core.api.Assertions.assertThat(db.sql("select count(*) from outbox").query(Long.class).single())
				.isZero();
			org.assertj.core.api.Assertions.assertThat(lag(Topics.WORKER_GROUP, Topics.REQUESTS)).isZero();
			org.assertj.core.api.Assertions.assertThat(lag(Topics.NOTIFIER_GROUP, Topics.EVENTS)).isZero();
			org.assertj.core.api.Assertions.assertThat(lag(Topics.WEBHOOK_GROUP, Topics.EVENTS)).isZero();
		});
	}

	String bootstrapServers() {
		return kafka.bootstrapServers();
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
	}

	private static List<TopicPartition> partitions(Admin admin, String topic)
			throws InterruptedException, ExecutionException {
		return admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.map(p -> new TopicPartition(topic, p.partition()))
			.toList();
	}

}
