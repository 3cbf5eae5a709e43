package io.domainpush.bench;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * (a) The floor: the SQL the pipeline writes per push (accept + outbox, relay, lock and
 * migrate, billing, history, outcome, notification record, event outbox, relay,
 * notification sent), batched as the API and the worker batch it, straight on PostgreSQL
 * with no Kafka, HTTP or SMTP in between. Kept in step with {@code BatchService} and
 * {@code PushApplier} by hand: change both together.
 */
final class Floor {

	private Floor() {
	}

	static double pushesPerSecond(JdbcClient db, long losing, long gaining, String prefix, int count, int batch) {
		List<Long> domainIds = db.sql("select domain_id from domains where name like :p || '%' order by domain_id")
			.param("p", prefix)
			.query(Long.class)
			.list();
		long start = System.nanoTime();
		for (int from = 0; from < count; from += batch) {
			List<Long> ids = domainIds.subList(from, Math.min(count, from + batch));
			UUID[] pushes = ids.stream().map(i -> UUID.randomUUID()).toArray(UUID[]::new);
			Long[] domains = ids.toArray(Long[]::new);
			accept(db, pushes, domains, losing, gaining);
			migrate(db, pushes, domains, gaining);
			notify(db, pushes);
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static void accept(JdbcClient db, UUID[] pushes, Long[] domains, long losing, long gaining) {
		inTransaction(db, () -> {
			db.sql("""
					insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status, submitted_at)
					select p, d, 'x', :l, :g, 'ACCEPTED', now() from unnest(:pushes, :domains) as a(p, d)
					on conflict (domain_id) where status = 'ACCEPTED' do nothing returning push_id""")
				.param("pushes", pushes)
				.param("domains", domains)
				.param("l", losing)
				.param("g", gaining)
				.query(UUID.class)
				.list();
			outbox(db, "domain-push.requests", pushes);
		});
		relay(db, "domain-push.requests");
	}

	private static void migrate(JdbcClient db, UUID[] pushes, Long[] domains, long gaining) {
		inTransaction(db, () -> {
			db.sql("select push_id from pushes where push_id = any(:p) order by push_id for update")
				.param("p", pushes)
				.query(UUID.class)
				.list();
			db.sql("select domain_id from domains where domain_id = any(:d) order by domain_id for update")
				.param("d", domains)
				.query(Long.class)
				.list();
			db.sql("""
					select d.domain_id, exists (select 1 from push_allowances a where a.gaining_company_id = :g
					       and a.losing_company_id = d.company_id) from unnest(:d) as q(id) join domains d on d.domain_id = q.id
					  join companies o on o.company_id = d.company_id left join companies g on g.company_id = :g""")
				.param("d", domains)
				.param("g", gaining)
				.query()
				.listOfRows();
			db.sql("update domains d set company_id = :g from unnest(:d) as m(id) where d.domain_id = m.id")
				.param("d", domains)
				.param("g", gaining)
				.update();
			db.sql("delete from billing_periods where domain_id = any(:d) and ends_on is null and starts_on >= date_trunc('month', now() + interval '1 month')::date")
				.param("d", domains)
				.update();
			db.sql("update billing_periods set ends_on = date_trunc('month', now() + interval '1 month')::date where domain_id = any(:d) and ends_on is null")
				.param("d", domains)
				.update();
			db.sql("""
					insert into billing_periods (domain_id, company_id, starts_on, push_id)
					select d, :g, date_trunc('month', now() + interval '1 month')::date, p from unnest(:d, :p) as b(d, p)""")
				.param("d", domains)
				.param("p", pushes)
				.param("g", gaining)
				.update();
			db.sql("""
					insert into push_history (push_id, domain_id, from_company_id, to_company_id, users_moved, applied_at)
					select p, d, (select company_id from companies order by company_id limit 1), :g, 10, now()
					  from unnest(:p, :d) as h(p, d)""")
				.param("p", pushes)
				.param("d", domains)
				.param("g", gaining)
				.update();
			db.sql("""
					update pushes p set status = 'COMPLETED', completed_at = now(), users_moved = 10,
					       billing_starts_on = date_trunc('month', now() + interval '1 month')::date
					  from unnest(:p) as c(id) where p.push_id = c.id""").param("p", pushes).update();
			db.sql("""
					insert into notifications (push_id, status, recipient, message_id)
					select p, 'PENDING', 'noc@example.com', '<' || p || '@domain-push>' from unnest(:p) as n(p)""")
				.param("p", pushes)
				.update();
			outbox(db, "domain-push.events", pushes);
		});
		relay(db, "domain-push.events");
	}

	private static void notify(JdbcClient db, UUID[] pushes) {
		inTransaction(db, () -> {
			db.sql("select push_id from notifications where push_id = any(:p) for update")
				.param("p", pushes)
				.query(UUID.class)
				.list();
			db.sql("update notifications set status = 'SENT', attempts = 1, sent_at = now(), updated_at = now() where push_id = any(:p)")
				.param("p", pushes)
				.update();
		});
	}

	private static void outbox(JdbcClient db, String topic, UUID[] pushes) {
		db.sql("""
				insert into outbox (topic, record_key, payload)
				select :t, 'domain', '{"type":"PushRequested","version":1,"push_id":"' || p || '","padding":"'
				       || repeat('x', 200) || '"}' from unnest(:p) as o(p)""")
			.param("t", topic)
			.param("p", pushes)
			.update();
	}

	private static void relay(JdbcClient db, String topic) {
		inTransaction(db, () -> {
			List<Long> ids = db.sql(
					"select outbox_id from outbox where topic = :t order by outbox_id limit 500 for update skip locked")
				.param("t", topic)
				.query(Long.class)
				.list();
			db.sql("delete from outbox where outbox_id = any(:ids)").param("ids", ids.toArray(Long[]::new)).update();
		});
	}

	private static void inTransaction(JdbcClient db, Runnable work) {
		transaction.executeWithoutResult(status -> work.run());
	}

	private static org.springframework.transaction.support.TransactionTemplate transaction;

	/** One connection, as one worker thread has. */
	static JdbcClient connect(String url) {
		javax.sql.DataSource dataSource = new org.springframework.jdbc.datasource.SingleConnectionDataSource(url,
				"postgres", "", true);
		transaction = new org.springframework.transaction.support.TransactionTemplate(
				new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
		return JdbcClient.create(dataSource);
	}

}
