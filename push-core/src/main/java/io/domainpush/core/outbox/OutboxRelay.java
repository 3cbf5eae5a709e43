package io.domainpush.core.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.tracing.Traces;
import io.micrometer.tracing.Span;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka and deletes them once the broker acknowledged them
 * (acks=all, idempotent producer). Rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so several instances of a service can relay side by side. A crash between the send and
 * the delete republishes the batch: consumers are idempotent by push id, so a duplicate
 * has no effect. Each record is sent in the trace its row continues ({@link Traces}).
 */
public class OutboxRelay extends BackgroundLoop {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxProperties properties;

	private final Traces traces;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
			OutboxSignal signal, OutboxProperties properties, Traces traces) {
		super("outbox-relay", Schedule.every(properties.pollInterval()).wokenBy(signal).stoppedAfterListeners());
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.kafka = kafka;
		this.properties = properties;
		this.traces = traces;
	}

	@Override
	protected boolean round() {
		return publishBatch() == properties.batchSize();
	}

	/** Publishes one batch; returns how many rows went out. */
	public int publishBatch() {
		Integer published = transaction.execute(status -> {
			List<OutboxRow> rows = jdbc.sql("""
					select outbox_id, topic, record_key, payload, trace_parent from outbox
					 where topic in (:topics) order by outbox_id limit :limit for update skip locked""")
				.param("topics", properties.topics())
				.param("limit", properties.batchSize())
				.query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5)))
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
			for (OutboxRow row : rows) {
				sends.add(send(row));
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

	/**
	 * Sends a row in a producer span of the trace it continues; the record carries that
	 * span as its traceparent, so its consumer continues the same trace.
	 */
	private CompletableFuture<SendResult<String, String>> send(OutboxRow row) {
		Span span = traces.start("publish " + row.topic(), Span.Kind.PRODUCER, row.traceParent())
			.tag("messaging.destination.name", row.topic());
		ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
		String traceParent = traces.traceParentOf(span);
		if (traceParent != null) {
			record.headers().add(Traces.TRACEPARENT, traceParent.getBytes(StandardCharsets.US_ASCII));
		}
		return kafka.send(record).whenComplete((result, failure) -> {
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		});
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

	/** Services that relay no topic run no relay. */
	@Override
	protected boolean enabled() {
		return !properties.topics().isEmpty();
	}

	/** A round waits for one broker acknowledgement at the most. */
	@Override
	protected Duration longestRound() {
		return properties.sendTimeout().plusSeconds(30);
	}

	private record OutboxRow(long id, String topic, String key, String payload, String traceParent) {
	}

}
