package io.domainpush.core.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka and deletes them once the broker acknowledged them
 * (acks=all, idempotent producer). Rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so several instances of a service can relay side by side. A crash between the send and
 * the delete republishes the batch: consumers are idempotent by push id, so a duplicate
 * has no effect.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration INITIAL_ERROR_BACKOFF = Duration.ofMillis(100);

	private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxSignal signal;

	private final OutboxProperties properties;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile long heartbeat = System.nanoTime();

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
			OutboxSignal signal, OutboxProperties properties) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.kafka = kafka;
		this.signal = signal;
		this.properties = properties;
	}

	/** Publishes one batch; returns how many rows went out. */
	public int publishBatch() {
		Integer published = transaction.execute(status -> {
			List<OutboxRow> rows = jdbc.sql("""
					select outbox_id, topic, record_key, payload from outbox
					 where topic in (:topics) order by outbox_id limit :limit for update skip locked""")
				.param("topics", properties.topics())
				.param("limit", properties.batchSize())
				.query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
			for (OutboxRow row : rows) {
				sends.add(kafka.send(row.topic(), row.key(), row.payload()));
			}
			kafka.flush();
			awaitAll(sends);
			jdbc.sql("delete from outbox where outbox_id in (:ids)")
				.param("ids", rows.stream().map(OutboxRow::id).toList())
				.update();
			return rows.size();
		});
		return published == null ? 0 : published;
	}

	private void awaitAll(List<CompletableFuture<SendResult<String, String>>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while publishing the outbox", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("broker did not acknowledge the outbox batch", ex);
		}
	}

	private void loop() {
		Duration backoff = INITIAL_ERROR_BACKOFF;
		while (running) {
			heartbeat = System.nanoTime();
			try {
				int published = publishBatch();
				backoff = INITIAL_ERROR_BACKOFF;
				if (published < properties.batchSize()) {
					signal.await(properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Throwable ex) {
				// an Error too: a relay thread that ends while the service reports
				// running loses nothing but
				// delays everything, silently; it backs off and tries again, and
				// readiness shows it is alive
				if (!running) {
					return;
				}
				log.warn("Outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), ex.toString());
				if (!pause(backoff)) {
					return;
				}
				backoff = backoff.multipliedBy(2).compareTo(MAX_ERROR_BACKOFF) > 0 ? MAX_ERROR_BACKOFF
						: backoff.multipliedBy(2);
			}
		}
	}

	private static boolean pause(Duration backoff) {
		try {
			Thread.sleep(backoff.toMillis()); // back-off between attempts of a background
												// loop
			return true;
		}
		catch (InterruptedException ie) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether this service's outbox is being relayed: its loop runs and went round
	 * recently. A loop round takes at most one broker acknowledgement, one poll interval
	 * and one error back-off.
	 */
	public boolean isAlive() {
		if (properties.topics().isEmpty()) {
			return true;
		}
		Thread current = thread;
		long quiet = Duration.ofNanos(System.nanoTime() - heartbeat).toMillis();
		long allowed = properties.sendTimeout().plus(properties.pollInterval()).plus(MAX_ERROR_BACKOFF).toMillis()
				+ 30_000;
		return running && current != null && current.isAlive() && quiet <= allowed;
	}

	@Override
	public void start() {
		if (properties.topics().isEmpty()) {
			return;
		}
		running = true;
		heartbeat = System.nanoTime();
		thread = new Thread(this::loop, "outbox-relay");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread current = thread;
		if (current != null) {
			current.interrupt();
			try {
				current.join(properties.sendTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		thread = null;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// stop after the listener containers (which stop at a higher phase) so their last
		// outbox rows go out
		return Integer.MAX_VALUE - 2000;
	}

	private record OutboxRow(long id, String topic, String key, String payload) {
	}

}
