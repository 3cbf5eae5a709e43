package io.domainpush.notifier.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.domainpush.core.events.BatchFinished;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.notification.NotificationAudience;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the worker leaves behind for the notifier, written straight into the database:
 * companies, completed pushes with their notifications, finished batches with their
 * digests. Ids are unique per JVM, so test classes sharing a database keep apart.
 */
public final class Fixtures {

	private static final AtomicLong IDS = new AtomicLong(5000);

	private final JdbcClient db;

	public Fixtures(JdbcClient db) {
		this.db = db;
	}

	public long company(String name) {
		long id = IDS.incrementAndGet();
		db.sql("insert into companies (company_id, name, cluster) values (:id, :name, 'a')")
			.param("id", id)
			.param("name", name)
			.update();
		return id;
	}

	/** A completed push and its notification (SKIPPED without an address). */
	public PushCompleted completedPush(String email) {
		return completedPush(email, null);
	}

	/**
	 * A completed push and its notification; the event's key is {@code sameKeyAs} when
	 * given, so two events land on one partition.
	 */
	public PushCompleted completedPush(String email, String sameKeyAs) {
		long losing = company("Losing");
		long gaining = company("Gaining");
		String domain = "n" + losing + ".example";
		UUID pushId = UUID.randomUUID();
		long domainId = db.sql("insert into domains (name, company_id) values (:n, :g) returning domain_id")
			.param("n", domain)
			.param("g", gaining)
			.query(Long.class)
			.single();
		db.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    submitted_at, completed_at, users_moved, billing_starts_on)
				values (:id, :d, :n, :l, :g, 'COMPLETED', now(), now(), 2, date_trunc('month', now()) + interval '1 month')""")
			.param("id", pushId)
			.param("d", domainId)
			.param("n", domain)
			.param("l", losing)
			.param("g", gaining)
			.update();
		db.sql("""
				insert into notifications (push_id, company_id, status, recipient, message_id)
				values (:id, :g, :s, :to, :mid)""")
			.param("id", pushId)
			.param("g", gaining)
			.param("s", email == null ? "SKIPPED" : "PENDING")
			.param("to", email)
			.param("mid", MessageIds.of(pushId))
			.update();
		return PushCompleted.of(pushId, sameKeyAs != null ? sameKeyAs : domain, losing, "Losing", gaining, "Gaining", 2,
				Instant.now(), Instant.now(), LocalDate.now().withDayOfMonth(1).plusMonths(1), email, null);
	}

	/** {@link #finishedBatchWithDigest(String, int)} of one push. */
	public UUID finishedBatchWithDigest(String email) {
		return finishedBatchWithDigest(email, 1);
	}

	/**
	 * A finished batch of {@code pushes} completed pushes whose gaining company wants a
	 * digest, and that digest, PENDING and waiting for the batch's end to be announced.
	 * @return the batch's id
	 */
	public UUID finishedBatchWithDigest(String email, int pushes) {
		long losing = company("Losing");
		long gaining = company("Gaining");
		db.sql("update companies set notification_mode = 'BATCH_DIGEST', notification_email = :e where company_id = :g")
			.param("e", email)
			.param("g", gaining)
			.update();
		UUID batchId = UUID.randomUUID();
		db.sql("""
				insert into push_batches (batch_id, gaining_company_id, submitter_company_id, total, accepted, rejected,
				                          submitted_at, finished_at)
				values (:b, :g, :l, :n, :n, 0, now(), now())""")
			.param("b", batchId)
			.param("g", gaining)
			.param("l", losing)
			.param("n", pushes)
			.update();
		db.sql("""
				with d as (
				    insert into domains (name, company_id)
				    select 'b' || :l || '-' || i || '.example', :g from generate_series(1, :n) i
				    returning domain_id, name),
				p as (
				    insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                        batch_id, submitted_at, completed_at, users_moved, billing_starts_on)
				    select gen_random_uuid(), d.domain_id, d.name, :l, :g, 'COMPLETED', :b, now(), now(), 2,
				           date_trunc('month', now()) + interval '1 month' from d
				    returning push_id)
				insert into notifications (push_id, company_id, status, recipient, message_id)
				select push_id, :g, 'IN_DIGEST', :to, '<' || push_id || '@domain-push>' from p""")
			.param("l", losing)
			.param("g", gaining)
			.param("n", pushes)
			.param("b", batchId)
			.param("to", email)
			.update();
		db.sql("""
				insert into notification_digests (batch_id, audience, company_id, status, recipient, message_id)
				values (:b, 'GAINING', :g, 'PENDING', :to, :mid)""")
			.param("b", batchId)
			.param("g", gaining)
			.param("to", email)
			.param("mid", MessageIds.ofDigest(batchId, NotificationAudience.GAINING, gaining))
			.update();
		return batchId;
	}

	/**
	 * The event that announces the end of a batch made by
	 * {@link #finishedBatchWithDigest}.
	 */
	public BatchFinished batchFinished(UUID batchId) {
		return db.sql("select gaining_company_id, submitter_company_id, total from push_batches where batch_id = :b")
			.param("b", batchId)
			.query((rs, n) -> BatchFinished.of(batchId, rs.getLong(1), rs.getLong(2), rs.getInt(3), 0, rs.getInt(3), 0,
					0, 0, 0, 0, Instant.now(), Instant.now()))
			.single();
	}

}
