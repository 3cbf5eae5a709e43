package io.domainpush.worker.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushFactsRepository;
import io.domainpush.core.rules.PushProblem;
import io.domainpush.core.rules.PushRules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one push in one transaction (DESIGN §3): lock the push, skip it if it is no longer ACCEPTED
 * (a redelivery, a replay or a cancellation), lock the domain, re-validate R2–R4 against the current
 * state, then move the domain (R1, R5), freeze its brand (R7), close and open billing periods (R8),
 * write history, the outcome, the notification record (R9) and the event for the outbox. Users and
 * messages are not touched: they belong to the domain and follow it.
 */
@Component
class PushApplier {

	private final JdbcClient jdbc;

	private final PushFactsRepository facts;

	private final OutboxWriter outbox;

	private final BillingCycle billing;

	PushApplier(JdbcClient jdbc, PushFactsRepository facts, OutboxWriter outbox, BillingCycle billing) {
		this.jdbc = jdbc;
		this.facts = facts;
		this.outbox = outbox;
		this.billing = billing;
	}

	@Transactional
	public Outcome apply(PushRequested request) {
		Optional<QueuedPush> locked = lockPush(request.pushId());
		if (locked.isEmpty()) {
			throw new UnknownPushException(request.pushId());
		}
		QueuedPush push = locked.get();
		if (!"ACCEPTED".equals(push.status())) {
			return Outcome.skipped(push.status());
		}
		facts.lockDomain(push.domain());
		PushFacts current = facts.read(push.domain(), push.gaining());
		Optional<PushProblem> problem = PushRules.firstProblem(current, push.losing());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (problem.isPresent()) {
			reject(push, problem.get(), now);
			return Outcome.rejected(problem.get(), push.submittedAt(), now);
		}
		complete(push, current.domainId(), now);
		return Outcome.completed(push.submittedAt(), now);
	}

	private Optional<QueuedPush> lockPush(UUID pushId) {
		return jdbc.sql("""
				select push_id, status, domain_name, losing_company_id, gaining_company_id, submitted_at
				  from pushes where push_id = :id for update""")
			.param("id", pushId)
			.query((rs, n) -> new QueuedPush(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
			.optional();
	}

	private void reject(QueuedPush push, PushProblem problem, Instant now) {
		jdbc.sql("update pushes set status = 'REJECTED', reason = :reason, completed_at = :now where push_id = :id")
			.param("reason", problem.name())
			.param("now", utc(now))
			.param("id", push.pushId())
			.update();
		outbox.append(Topics.EVENTS,
				PushRejected.of(push.pushId(), push.domain(), push.losing(), push.gaining(), problem.name(), now));
	}

	private void complete(QueuedPush push, long domainId, Instant now) {
		Moved moved = moveDomain(domainId, push.gaining());
		LocalDate billingStart = billing.nextCycleStart(now);
		switchBilling(domainId, push, billingStart);
		jdbc.sql("""
				insert into push_history (push_id, domain_id, from_company_id, to_company_id, from_brand_id, to_brand_id,
				                          users_moved, applied_at)
				values (:push, :domain, :from, :to, :fromBrand, :toBrand, :users, :now)""")
			.param("push", push.pushId())
			.param("domain", domainId)
			.param("from", push.losing())
			.param("to", push.gaining())
			.param("fromBrand", moved.fromBrand())
			.param("toBrand", moved.toBrand())
			.param("users", moved.users())
			.param("now", utc(now))
			.update();
		jdbc.sql("""
				update pushes set status = 'COMPLETED', completed_at = :now, users_moved = :users, billing_starts_on = :billing
				 where push_id = :id""")
			.param("now", utc(now))
			.param("users", moved.users())
			.param("billing", billingStart)
			.param("id", push.pushId())
			.update();
		Companies companies = companies(push);
		jdbc.sql("""
				insert into notifications (push_id, status, recipient, message_id)
				values (:push, :status, :to, :messageId)""")
			.param("push", push.pushId())
			.param("status", companies.notificationEmail() == null ? "SKIPPED" : "PENDING")
			.param("to", companies.notificationEmail())
			.param("messageId", "<" + push.pushId() + "@domain-push>")
			.update();
		outbox.append(Topics.EVENTS,
				PushCompleted.of(push.pushId(), push.domain(), push.losing(), companies.losingName(), push.gaining(),
						companies.gainingName(), moved.users(), push.submittedAt(), now, billingStart,
						companies.notificationEmail()));
	}

	/**
	 * R1/R5: one row changes owner. R7: a branded domain gets a frozen copy of its brand (no name,
	 * not editable, owned by the gaining company); the losing company's brand stays as it was.
	 */
	private Moved moveDomain(long domainId, long gaining) {
		return jdbc.sql("""
				with d as (select domain_id, brand_id, user_count from domains where domain_id = :domain),
				frozen as (
				  insert into brands (company_id, name, editable, settings, source_brand_id)
				  select :gaining, null, false, b.settings, b.brand_id from brands b join d on b.brand_id = d.brand_id
				  returning brand_id),
				moved as (
				  update domains set company_id = :gaining, brand_id = (select brand_id from frozen)
				   where domain_id = :domain returning domain_id)
				select d.brand_id as from_brand, (select brand_id from frozen) as to_brand, d.user_count
				  from d join moved using (domain_id)""")
			.param("domain", domainId)
			.param("gaining", gaining)
			.query((rs, n) -> new Moved(rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getInt(3)))
			.single();
	}

	/** R8: the losing company pays until the current cycle ends, the gaining one from the next cycle. */
	private void switchBilling(long domainId, QueuedPush push, LocalDate start) {
		// a period that would only have begun at the next cycle (pushed twice in one cycle) never starts
		jdbc.sql("delete from billing_periods where domain_id = :domain and ends_on is null and starts_on >= :start")
			.param("domain", domainId)
			.param("start", start)
			.update();
		jdbc.sql("update billing_periods set ends_on = :start where domain_id = :domain and ends_on is null")
			.param("domain", domainId)
			.param("start", start)
			.update();
		jdbc.sql("""
				insert into billing_periods (domain_id, company_id, starts_on, push_id)
				values (:domain, :company, :start, :push)""")
			.param("domain", domainId)
			.param("company", push.gaining())
			.param("start", start)
			.param("push", push.pushId())
			.update();
	}

	private Companies companies(QueuedPush push) {
		return jdbc.sql("""
				select l.name, g.name, g.notification_email from companies l, companies g
				 where l.company_id = :losing and g.company_id = :gaining""")
			.param("losing", push.losing())
			.param("gaining", push.gaining())
			.query((rs, n) -> new Companies(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record QueuedPush(UUID pushId, String status, String domain, long losing, long gaining, Instant submittedAt) {
	}

	private record Moved(Long fromBrand, Long toBrand, int users) {
	}

	private record Companies(String losingName, String gainingName, String notificationEmail) {
	}

}
