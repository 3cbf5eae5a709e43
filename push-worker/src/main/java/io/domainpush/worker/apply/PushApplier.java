package io.domainpush.worker.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushProblem;
import io.domainpush.core.rules.PushRules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a set of pushes in one transaction with set-based SQL (DESIGN §3), keeping
 * every per-push guarantee: each push row is locked and skipped unless still ACCEPTED
 * (redelivery, replay, cancellation), each domain row is locked, R2–R4 are re-checked per
 * push against the locked state, and each push gets exactly one outcome. A completed push
 * moves one domain row (R1, R5), freezes its brand (R7), switches billing (R8) and writes
 * history, outcome, notification record (R9) and event. Users and messages are not
 * touched: they belong to the domain and follow it.
 */
@Component
class PushApplier {

	/** The reason recorded on a push the worker gave up on. */
	static final String PROCESSING_FAILED = "PROCESSING_FAILED";

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	private final BillingCycle billing;

	PushApplier(JdbcClient jdbc, OutboxWriter outbox, BillingCycle billing) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.billing = billing;
	}

	/**
	 * @return one outcome per distinct push id asked for; ids never stored are reported
	 * as unknown
	 */
	@Transactional
	public Map<UUID, Outcome> apply(List<UUID> pushIds) {
		Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
		Map<UUID, QueuedPush> locked = lockPushes(pushIds);
		List<QueuedPush> queued = new ArrayList<>();
		for (UUID id : pushIds) {
			QueuedPush push = locked.get(id);
			if (push == null) {
				outcomes.put(id, Outcome.unknown());
			}
			else if (!"ACCEPTED".equals(push.status())) {
				outcomes.put(id, Outcome.skipped(push.status()));
			}
			else if (!outcomes.containsKey(id)) {
				queued.add(push);
				outcomes.put(id, null);
			}
		}
		if (queued.isEmpty()) {
			return outcomes;
		}
		Map<Long, DomainState> domains = lockDomains(queued);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		LocalDate billingStart = billing.nextCycleStart(now);
		List<Move> moves = new ArrayList<>();
		List<PushEvent> events = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();
		for (QueuedPush push : queued) {
			DomainState domain = domains.get(push.domainId());
			PushFacts facts = domain != null ? domain.facts(push) : new PushFacts(null, null, null, null, null, false);
			Optional<PushProblem> problem = PushRules.firstProblem(facts, push.losing());
			if (problem.isPresent()) {
				rejections.add(new Rejection(push.pushId(), problem.get()));
				events.add(PushRejected.of(push.pushId(), push.domain(), push.losing(), push.gaining(),
						problem.get().name(), now));
				outcomes.put(push.pushId(), Outcome.rejected(problem.get(), push.submittedAt(), now));
			}
			else {
				moves.add(new Move(push, domain));
				events.add(PushCompleted.of(push.pushId(), push.domain(), push.losing(), domain.ownerName(),
						push.gaining(), domain.gainingName(), domain.userCount(), push.submittedAt(), now, billingStart,
						domain.gainingEmail()));
				outcomes.put(push.pushId(), Outcome.completed(push.submittedAt(), now));
			}
		}
		recordRejections(rejections, now);
		if (!moves.isEmpty()) {
			moves = freezeBrands(moves);
			moveDomains(moves);
			switchBilling(moves, billingStart);
			recordCompletions(moves, now, billingStart);
		}
		outbox.appendAll(Topics.EVENTS, events);
		return outcomes;
	}

	/**
	 * Gives up on a push that failed the same way on every attempt (a bug, a violated
	 * constraint): it becomes FAILED ("processing gave up", DESIGN §5) so it ends in a
	 * terminal state and is not requested again; its request goes to the dead-letter
	 * topic for an operator to look at.
	 * @return whether the push was still ACCEPTED
	 */
	@Transactional
	public boolean giveUp(UUID pushId) {
		return jdbc.sql("""
				update pushes set status = 'FAILED', reason = :reason, completed_at = now()
				 where push_id = :id and status = 'ACCEPTED'""")
			.param("id", pushId)
			.param("reason", PROCESSING_FAILED)
			.update() == 1;
	}

	private Map<UUID, QueuedPush> lockPushes(List<UUID> pushIds) {
		Map<UUID, QueuedPush> pushes = new LinkedHashMap<>();
		// ordered locking: two workers never wait on each other in a cycle
		jdbc.sql("""
				select push_id, status, domain_id, domain_name, losing_company_id, gaining_company_id, submitted_at
				  from pushes where push_id = any(:ids) order by push_id for update""")
			.param("ids", pushIds.toArray(UUID[]::new))
			.query((rs, n) -> new QueuedPush(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
					rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
			.list()
			.forEach(p -> pushes.put(p.pushId(), p));
		return pushes;
	}

	/**
	 * Locks the domains (in id order) and reads, per push, what R2–R4 look at and what
	 * the move needs.
	 */
	private Map<Long, DomainState> lockDomains(List<QueuedPush> queued) {
		Long[] domainIds = queued.stream().map(QueuedPush::domainId).toArray(Long[]::new);
		Long[] gainingIds = queued.stream().map(QueuedPush::gaining).toArray(Long[]::new);
		jdbc.sql("select domain_id from domains where domain_id = any(:ids) order by domain_id for update")
			.param("ids", domainIds)
			.query(Long.class)
			.list();
		// a company is deleted under FOR UPDATE after checking it owns no domain: sharing
		// the lock here
		// makes deletion and this move take turns, so a domain never lands in a deleted
		// company
		jdbc.sql("select company_id from companies where company_id = any(:ids) order by company_id for share")
			.param("ids", gainingIds)
			.query(Long.class)
			.list();
		Map<Long, DomainState> states = new LinkedHashMap<>();
		jdbc.sql("""
				select d.domain_id, d.company_id, o.cluster, o.name, d.brand_id, d.user_count,
				       g.company_id, g.cluster, g.name, g.notification_email,
				       exists (select 1 from push_allowances a
				                where a.gaining_company_id = g.company_id and a.losing_company_id = d.company_id)
				  from unnest(:domains, :gainings) as q(domain_id, gaining_id)
				  join domains d on d.domain_id = q.domain_id
				  join companies o on o.company_id = d.company_id
				  left join companies g on g.company_id = q.gaining_id and g.deleted_at is null""")
			.param("domains", domainIds)
			.param("gainings", gainingIds)
			.query((rs, n) -> new DomainState(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, Long.class), rs.getInt(6), rs.getObject(7, Long.class), rs.getString(8),
					rs.getString(9), rs.getString(10), rs.getBoolean(11)))
			.list()
			.forEach(s -> states.put(s.domainId(), s));
		return states;
	}

	/**
	 * R7: the gaining company gets an unlabelled, uneditable copy of each brand that
	 * comes with a domain; the losing company keeps its brand. One copy per original
	 * brand, gaining company and settings, made once and then reused (a unique key
	 * decides between workers making it at the same time): migrating 100,000 domains of
	 * one brand creates one frozen brand, not 100,000. Two statements per poll.
	 */
	private List<Move> freezeBrands(List<Move> moves) {
		List<Move> branded = moves.stream().filter(m -> m.domain().brandId() != null).toList();
		if (branded.isEmpty()) {
			return moves;
		}
		Long[] brands = branded.stream().map(m -> m.domain().brandId()).toArray(Long[]::new);
		Long[] gainings = branded.stream().map(m -> m.push().gaining()).toArray(Long[]::new);
		// in key order, so that workers copying the same brands never wait on each other
		// in a cycle
		jdbc.sql(
				"""
						insert into brands (company_id, name, editable, settings, source_brand_id, frozen_key)
						select distinct w.gaining, null::text, false, s.settings, s.brand_id, s.brand_id || ':' || md5(s.settings::text)
						  from unnest(:brands, :gainings) as w(brand_id, gaining) join brands s on s.brand_id = w.brand_id
						 order by 1, 6
						on conflict (company_id, frozen_key) where frozen_key is not null do nothing""")
			.param("brands", brands)
			.param("gainings", gainings)
			.update();
		Map<FrozenKey, Long> frozen = new java.util.HashMap<>();
		jdbc.sql(
				"""
						select distinct w.brand_id, w.gaining, f.brand_id
						  from unnest(:brands, :gainings) as w(brand_id, gaining) join brands s on s.brand_id = w.brand_id
						  join brands f on f.company_id = w.gaining and f.frozen_key = s.brand_id || ':' || md5(s.settings::text)""")
			.param("brands", brands)
			.param("gainings", gainings)
			.query((rs, n) -> frozen.put(new FrozenKey(rs.getLong(1), rs.getLong(2)), rs.getLong(3)))
			.list();
		return moves.stream()
			.map(m -> m.domain().brandId() == null ? m
					: m.withFrozenBrand(frozen.get(new FrozenKey(m.domain().brandId(), m.push().gaining()))))
			.toList();
	}

	/**
	 * R1/R5: one row per domain changes owner (and brand); users and messages follow by
	 * reference.
	 */
	private void moveDomains(List<Move> moves) {
		jdbc.sql("""
				update domains d set company_id = m.gaining, brand_id = m.brand
				  from unnest(:domains, :gainings, :brands) as m(domain_id, gaining, brand)
				 where d.domain_id = m.domain_id""")
			.param("domains", moves.stream().map(m -> m.push().domainId()).toArray(Long[]::new))
			.param("gainings", moves.stream().map(m -> m.push().gaining()).toArray(Long[]::new))
			.param("brands", moves.stream().map(Move::frozenBrand).toArray(Long[]::new))
			.update();
	}

	/**
	 * R8: the losing company pays until the current cycle ends, the gaining one from the
	 * next cycle.
	 */
	private void switchBilling(List<Move> moves, LocalDate start) {
		Long[] domains = moves.stream().map(m -> m.push().domainId()).toArray(Long[]::new);
		// a period that would only have begun at the next cycle (pushed twice in one
		// cycle) never starts
		jdbc.sql(
				"delete from billing_periods where domain_id = any(:domains) and ends_on is null and starts_on >= :start")
			.param("domains", domains)
			.param("start", start)
			.update();
		jdbc.sql("update billing_periods set ends_on = :start where domain_id = any(:domains) and ends_on is null")
			.param("domains", domains)
			.param("start", start)
			.update();
		jdbc.sql("""
				insert into billing_periods (domain_id, company_id, starts_on, push_id)
				select domain_id, company_id, :start, push_id from unnest(:domains, :companies, :pushes)
				    as b(domain_id, company_id, push_id)""")
			.param("domains", domains)
			.param("companies", moves.stream().map(m -> m.push().gaining()).toArray(Long[]::new))
			.param("pushes", moves.stream().map(m -> m.push().pushId()).toArray(UUID[]::new))
			.param("start", start)
			.update();
	}

	private void recordCompletions(List<Move> moves, Instant now, LocalDate billingStart) {
		UUID[] pushes = moves.stream().map(m -> m.push().pushId()).toArray(UUID[]::new);
		Integer[] users = moves.stream().map(m -> m.domain().userCount()).toArray(Integer[]::new);
		jdbc.sql(
				"""
						insert into push_history (push_id, domain_id, from_company_id, to_company_id, from_brand_id, to_brand_id,
						                          users_moved, applied_at)
						select h.*, :now from unnest(:pushes, :domains, :froms, :tos, :fromBrands, :toBrands, :users)
						    as h(push_id, domain_id, from_company_id, to_company_id, from_brand_id, to_brand_id, users_moved)""")
			.param("pushes", pushes)
			.param("domains", moves.stream().map(m -> m.push().domainId()).toArray(Long[]::new))
			.param("froms", moves.stream().map(m -> m.push().losing()).toArray(Long[]::new))
			.param("tos", moves.stream().map(m -> m.push().gaining()).toArray(Long[]::new))
			.param("fromBrands", moves.stream().map(m -> m.domain().brandId()).toArray(Long[]::new))
			.param("toBrands", moves.stream().map(Move::frozenBrand).toArray(Long[]::new))
			.param("users", users)
			.param("now", utc(now))
			.update();
		jdbc.sql("""
				update pushes p set status = 'COMPLETED', completed_at = :now, users_moved = c.users,
				       billing_starts_on = :billing
				  from unnest(:pushes, :users) as c(push_id, users) where p.push_id = c.push_id""")
			.param("pushes", pushes)
			.param("users", users)
			.param("now", utc(now))
			.param("billing", billingStart)
			.update();
		jdbc.sql("""
				insert into notifications (push_id, status, recipient, message_id)
				select push_id, case when recipient is null then 'SKIPPED' else 'PENDING' end, recipient,
				       '<' || push_id || '@domain-push>'
				  from unnest(:pushes, :recipients) as n(push_id, recipient)""")
			.param("pushes", pushes)
			.param("recipients", moves.stream().map(m -> m.domain().gainingEmail()).toArray(String[]::new))
			.update();
	}

	private void recordRejections(List<Rejection> rejections, Instant now) {
		if (rejections.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update pushes p set status = 'REJECTED', reason = r.reason, completed_at = :now
				  from unnest(:pushes, :reasons) as r(push_id, reason) where p.push_id = r.push_id""")
			.param("pushes", rejections.stream().map(Rejection::pushId).toArray(UUID[]::new))
			.param("reasons", rejections.stream().map(r -> r.problem().name()).toArray(String[]::new))
			.param("now", utc(now))
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record QueuedPush(UUID pushId, String status, long domainId, String domain, long losing, long gaining,
			Instant submittedAt) {
	}

	private record DomainState(long domainId, long ownerId, String ownerCluster, String ownerName, Long brandId,
			int userCount, Long gainingId, String gainingCluster, String gainingName, String gainingEmail,
			boolean gainingAllowsOwner) {

		PushFacts facts(QueuedPush push) {
			return new PushFacts(domainId, ownerId, ownerCluster, gainingId, gainingCluster, gainingAllowsOwner);
		}

	}

	private record Move(QueuedPush push, DomainState domain, Long frozenBrand) {

		Move(QueuedPush push, DomainState domain) {
			this(push, domain, null);
		}

		Move withFrozenBrand(Long brand) {
			return new Move(push, domain, brand);
		}

	}

	private record Rejection(UUID pushId, PushProblem problem) {
	}

	private record FrozenKey(long sourceBrandId, long gainingCompanyId) {
	}

}
