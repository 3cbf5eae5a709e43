package io.domainpush.core.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of the delivery queues written straight into a migrated database: companies,
 * completed pushes with their notification, batches with their digest, endpoints with
 * their deliveries. Each is made with the age and status a test asks for.
 */
public final class QueueFixtures {

	private static final AtomicLong IDS = new AtomicLong(7000);

	private final JdbcClient db;

	public QueueFixtures(JdbcClient db) {
		this.db = db;
	}

	public long company() {
		long id = IDS.incrementAndGet();
		db.sql("insert into companies (company_id, name, cluster) values (:id, 'Company ' || :id, 'a')")
			.param("id", id)
			.update();
		return id;
	}

	/** A completed push of a new domain from {@code losing} to {@code gaining}. */
	public UUID push(long losing, long gaining, UUID batchId) {
		long domain = db.sql("insert into domains (name, company_id) values (:n, :g) returning domain_id")
			.param("n", "q" + IDS.incrementAndGet() + ".example")
			.param("g", gaining)
			.query(Long.class)
			.single();
		UUID pushId = UUID.randomUUID();
		db.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    batch_id, submitted_at, completed_at, users_moved, billing_starts_on)
				select :id, d.domain_id, d.name, :l, :g, 'COMPLETED', :b, now(), now(), 1, current_date
				  from domains d where d.domain_id = :d""")
			.param("id", pushId)
			.param("d", domain)
			.param("l", losing)
			.param("g", gaining)
			.param("b", batchId)
			.update();
		return pushId;
	}

	/**
	 * The gaining company's notification of a new push to {@code gaining}, in
	 * {@code status}, made {@code age} ago (a PostgreSQL interval).
	 * @return its delivery id
	 */
	public UUID notification(long gaining, String status, String age) {
		UUID pushId = push(company(), gaining, null);
		return db
			.sql("""
					insert into notifications (push_id, company_id, status, recipient, message_id, created_at, next_attempt_at)
					values (:p, :g, :s, 'noc@example.com', '<' || :p || '@domain-push>', now() - cast(:age as interval),
					        now() - cast(:age as interval))
					returning delivery_id""")
			.param("p", pushId)
			.param("g", gaining)
			.param("s", status)
			.param("age", age)
			.query(UUID.class)
			.single();
	}

	/**
	 * A digest for {@code company} of a new batch, in {@code status}, made {@code age}
	 * ago.
	 */
	public UUID digest(long company, String status, String age) {
		UUID batchId = UUID.randomUUID();
		db.sql("""
				insert into push_batches (batch_id, gaining_company_id, total, accepted, rejected, submitted_at, finished_at)
				values (:b, :g, 0, 0, 0, now(), now())""")
			.param("b", batchId)
			.param("g", company)
			.update();
		return db
			.sql("""
					insert into notification_digests (batch_id, audience, company_id, status, recipient, message_id, created_at,
					                                  next_attempt_at)
					values (:b, 'GAINING', :g, :s, 'noc@example.com', '<' || :b || '.digest@domain-push>',
					        now() - cast(:age as interval), now() - cast(:age as interval))
					returning delivery_id""")
			.param("b", batchId)
			.param("g", company)
			.param("s", status)
			.param("age", age)
			.query(UUID.class)
			.single();
	}

	/** An enabled endpoint of {@code company}. */
	public UUID webhook(long company) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into webhooks (webhook_id, company_id, url, events, secret, status)
				values (:id, :c, 'https://hooks.example/' || :id, array['push.completed'], '\\x00', 'ENABLED')""")
			.param("id", id)
			.param("c", company)
			.update();
		return id;
	}

	/** A delivery to {@code webhook}, in {@code status}, due and made {@code age} ago. */
	public UUID delivery(UUID webhook, String status, String age) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload, status,
				                                created_at, queued_at, next_attempt_at)
				select :id, webhook_id, company_id, 'push.completed', gen_random_uuid(), '{}', :s,
				       now() - cast(:age as interval), now() - cast(:age as interval), now() - cast(:age as interval)
				  from webhooks where webhook_id = :w""")
			.param("id", id)
			.param("w", webhook)
			.param("s", status)
			.param("age", age)
			.update();
		return id;
	}

	/**
	 * {@code count} DELIVERED deliveries to {@code webhook}, made a second apart up to
	 * now.
	 */
	public void deliveredOverTime(UUID webhook, int count) {
		db.sql("""
				insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload, status,
				                                created_at, queued_at)
				select gen_random_uuid(), webhook_id, company_id, 'push.completed', gen_random_uuid(), '{}', 'DELIVERED',
				       now() - n * interval '1 second', now()
				  from webhooks cross join generate_series(1, :count) n where webhook_id = :w""")
			.param("w", webhook)
			.param("count", count)
			.update();
	}

}
