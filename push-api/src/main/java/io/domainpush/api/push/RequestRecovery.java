package io.domainpush.api.push;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every ACCEPTED push must end in a terminal state even if its request record is lost in
 * Kafka: pushes whose request is older than {@code push.api.recovery.after} are requested
 * again through the outbox (see {@link RecoveryProperties}). Rows are claimed with
 * {@code SKIP LOCKED}: several push-api instances can run it side by side, and a push the
 * worker is applying right now is left alone.
 */
@Component
class RequestRecovery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RequestRecovery.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final OutboxWriter outbox;

	private final TaskScheduler scheduler;

	private final RecoveryProperties properties;

	private final Counter republished;

	private volatile ScheduledFuture<?> task;

	RequestRecovery(JdbcClient jdbc, TransactionTemplate transaction, OutboxWriter outbox, TaskScheduler scheduler,
			RecoveryProperties properties, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.outbox = outbox;
		this.scheduler = scheduler;
		this.properties = properties;
		this.republished = Counter.builder("push.requests.republished")
			.description("Requests of ACCEPTED pushes published again because theirs was not consumed in time")
			.register(registry);
	}

	/**
	 * Requests again the pushes whose last request is older than {@code age}; @return how
	 * many
	 */
	int requestAgainOlderThan(Duration age) {
		Integer count = transaction.execute(status -> {
			List<PushRequested> requests = jdbc
				.sql("""
						with stale as (
						    select push_id from pushes p
						     where status = 'ACCEPTED' and requested_at < now() - :ageMillis * interval '1 millisecond'
						       and not exists (select 1 from outbox o where o.topic = :topic and o.record_key = p.domain_name)
						     order by requested_at limit :limit for update skip locked)
						update pushes p set requested_at = now() from stale s where p.push_id = s.push_id
						returning p.push_id, p.domain_name, p.losing_company_id, p.gaining_company_id, p.submitted_at""")
				.param("ageMillis", age.toMillis())
				.param("topic", Topics.REQUESTS)
				.param("limit", properties.batchSize())
				.query((rs, n) -> PushRequested.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
						rs.getLong(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
				.list();
			outbox.appendAll(Topics.REQUESTS, requests);
			return requests.size();
		});
		int requested = count == null ? 0 : count;
		if (requested > 0) {
			republished.increment(requested);
			log.warn("Requested {} ACCEPTED push(es) again: their requests were not consumed within {}", requested,
					age);
		}
		return requested;
	}

	private void recover() {
		try {
			int requested;
			do {
				requested = requestAgainOlderThan(properties.after());
			}
			while (requested == properties.batchSize());
		}
		catch (RuntimeException ex) {
			log.warn("Recovery of lost requests did not run: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		task = scheduler.scheduleWithFixedDelay(this::recover, Instant.now().plus(properties.interval()),
				properties.interval());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = task;
		if (current != null) {
			current.cancel(false);
		}
		task = null;
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}

}
