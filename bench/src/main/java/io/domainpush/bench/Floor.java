package io.domainpush.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.events.Topics;
import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.Outcome;
import io.domainpush.core.outbox.OutboxProperties;
import io.domainpush.core.outbox.OutboxRelay;
import io.domainpush.core.outbox.OutboxSignal;
import io.domainpush.core.outbox.OutboxWriter;
import io.domainpush.core.notification.DueNotification;
import io.domainpush.core.push.NewPush;
import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.Batches;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.push.Pushes;
import io.domainpush.core.push.Submission;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushFactsRepository;
import io.domainpush.core.rules.PushPreviewRepository;
import io.domainpush.core.tracing.Traces;
import io.domainpush.worker.apply.PushApplier;
import io.domainpush.worker.apply.PushReports;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * (a) The floor: what the pipeline does per push, done by the pipeline's own code (the
 * API's checks and acceptance, the outbox relay, the worker's {@link PushApplier}, the
 * notifier's claim and record) on one database connection, batched as the API and the
 * worker batch it, with no Kafka, HTTP or SMTP in between: the relay's broker
 * acknowledges at once and no email is sent. It cannot drift from the pipeline, since it
 * is the pipeline's code.
 */
final class Floor {

	private final TransactionTemplate transaction;

	private final PushFactsRepository facts;

	private final Pushes pushes;

	private final Notifications notifications;

	private final PushApplier applier;

	private final OutboxRelay relay;

	private Floor(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		OutboxSignal signal = new OutboxSignal();
		OutboxWriter outbox = new OutboxWriter(jdbc, signal, CrashPoints.none(), Traces.none());
		facts = new PushFactsRepository(jdbc);
		Batches batches = new Batches(jdbc, new Digests(jdbc, DeliveryProperties.defaults()), outbox);
		pushes = new Pushes(jdbc, outbox, batches);
		notifications = new Notifications(jdbc, DeliveryProperties.defaults());
		applier = new PushApplier(jdbc, pushes, facts, notifications, outbox, new BillingCycle(ZoneOffset.UTC), batches,
				new PushReports(new PushPreviewRepository(jdbc), jdbc));
		relay = new OutboxRelay(jdbc, transaction, new AcknowledgingBroker(), signal,
				new OutboxProperties(List.of(Topics.REQUESTS, Topics.EVENTS), 500, Duration.ofSeconds(1),
						Duration.ofSeconds(30)),
				Traces.none());
	}

	/** One connection, as one worker thread has. */
	static Floor connect(String url) {
		SingleConnectionDataSource connection = new SingleConnectionDataSource(url, "postgres", "", true);
		// as the services' pools set it (push-common.yml)
		JdbcClient session = JdbcClient.create(connection);
		session.sql("set jit = off").update();
		session.sql("set plan_cache_mode = force_custom_plan").update();
		session.sql("set max_parallel_workers_per_gather = 0").update();
		return new Floor(connection);
	}

	/**
	 * Pushes {@code prefix1.example ... prefix<count>.example} to {@code gaining},
	 * {@code batch} at a time.
	 */
	double pushesPerSecond(long gaining, String prefix, int count, int batch) {
		long start = System.nanoTime();
		for (int from = 1; from <= count; from += batch) {
			List<String> names = new ArrayList<>();
			for (int i = from; i < Math.min(count + 1, from + batch); i++) {
				names.add(prefix + i + ".example");
			}
			List<UUID> accepted = accept(names, gaining);
			relayAll();
			transaction.executeWithoutResult(status -> applier.apply(accepted));
			relayAll();
			notifyAll(accepted);
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * The API's batch acceptance: the facts of every domain, then the pushes and their
	 * requests.
	 */
	private List<UUID> accept(List<String> names, long gaining) {
		return transaction.execute(status -> {
			List<NewPush> batch = new ArrayList<>();
			for (PushFacts domain : facts.read(names, gaining)) {
				batch.add(new NewPush(UUID.randomUUID(), domain.domainId(), domain.domain(), domain.ownerCompanyId(),
						gaining));
			}
			pushes.accept(batch, Submission.batch(null, Instant.now(), null));
			return batch.stream().map(NewPush::pushId).toList();
		});
	}

	/** Until the outbox is empty. */
	private void relayAll() {
		int published;
		do {
			published = relay.publishBatch();
		}
		while (published > 0);
	}

	/**
	 * The notifier's claim and record around an SMTP server that accepts everything at
	 * once.
	 */
	private void notifyAll(List<UUID> pushIds) {
		Claim<DueNotification> claimed = notifications.claimFor(pushIds);
		notifications.queue()
			.record(claimed,
					claimed.items()
						.stream()
						.map(n -> new Outcome(n.deliveryId(), NotificationStatus.SENT.name(), true, null, 250, null))
						.toList());
	}

	/**
	 * A broker that acknowledges every record at once: the floor measures the database's
	 * share only.
	 */
	private static final class AcknowledgingBroker extends KafkaTemplate<String, String> {

		AcknowledgingBroker() {
			super(new DefaultKafkaProducerFactory<>(Map.of()));
		}

		@Override
		public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
			return CompletableFuture.completedFuture(new SendResult<>(null, null));
		}

		@Override
		public void flush() {
		}

	}

}
