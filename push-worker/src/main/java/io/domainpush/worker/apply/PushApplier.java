package io.domainpush.worker.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;
import io.domainpush.core.planning.KeptPlans;
import io.domainpush.core.push.Batches;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.push.Pushes;
import io.domainpush.core.push.QueuedPush;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushFactsRepository;
import io.domainpush.core.rules.PushProblem;
import io.domainpush.core.rules.PushRules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a set of pushes in one transaction with set-based SQL (DESIGN §3), keeping
 * every per-push guarantee: each push row is locked and skipped unless still ACCEPTED
 * (redelivery, replay, cancellation), each domain row and each gaining company is locked,
 * R2–R4 are re-checked per push against the locked state, and each push gets exactly one
 * outcome. A completed push moves one domain row (R1, R5), freezes its brand (R7),
 * switches billing (R8) and writes history, outcome, notification record (R9) and event.
 * Users and messages are not touched: they belong to the domain and follow it. Public so
 * the benchmark measures the very statements the worker runs.
 */
@Component
public class PushApplier {

	/** The reason recorded on a push the worker gave up on. */
	public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

	private final JdbcClient jdbc;

	private final Pushes pushes;

	private final PushFactsRepository facts;

	private final Notifications notifications;

	private final OutboxWriter outbox;

	private final BillingCycle billing;

	private final Batches batches;

	private final PushReports reports;

	public PushApplier(JdbcClient jdbc, Pushes pushes, PushFactsRepository facts, Notifications notifications,
			OutboxWriter outbox, BillingCycle billing, Batches batches, PushReports reports) {
		this.reports = reports;
		this.batches = batches;
		this.jdbc = jdbc;
		this.pushes = pushes;
		this.facts = facts;
		this.notifications = notifications;
		this.outbox = outbox;
		this.billing = billing;
	}

	/** {@link #apply(List, Map)} outside any trace. */
	@Transactional
	public Map<UUID, Outcome> apply(List<UUID> pushIds) {
		return apply(pushIds, Map.of());
	}

	/**
	 * @param traces the trace each push continues (its span in the worker): its events
	 * and emails continue it
	 * @return one outcome per distinct push id asked for; ids never stored are reported
	 * as unknown
	 */
	@Transactional
	public Map<UUID, Outcome> apply(List<UUID> pushIds, Map<UUID, String> traces) {
		// every statement of an apply finds its rows by the pushes' and domains' keys
		KeptPlans.forThisTransaction(jdbc);
		Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
		List<QueuedPush> queued = lockQueued(pushIds, outcomes);
		if (queued.isEmpty()) {
			return outcomes;
		}
		List<PushFacts> current = lockAndRead(queued);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Map<UUID, PushProblem> problems = new HashMap<>();
		List<Move> moves = new ArrayList<>();
		for (int i = 0; i < queued.size(); i++) {
			QueuedPush push = queued.get(i);
			PushFacts domain = current.get(i);
			PushRules.firstProblem(domain, push.losingCompanyId())
				.ifPresentOrElse((problem) -> problems.put(push.pushId(), problem),
						() -> moves.add(new Move(push, domain, null, null, billing.billedFrom(now, push.notBefore()))));
		}
		// in the order of the queued pushes, as the moves were made
		List<Move> completed = moveCheckingCounts(withReports(moves), problems);
		Map<UUID, Move> moved = new HashMap<>();
		completed.forEach((move) -> moved.put(move.push().pushId(), move));
		List<PushEvent> events = new ArrayList<>();
		List<UUID> rejected = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		for (QueuedPush push : queued) {
			Move move = moved.get(push.pushId());
			if (move == null) {
				PushProblem problem = problems.get(push.pushId());
				rejected.add(push.pushId());
				reasons.add(problem.name());
				events.add(PushRejected.of(push.pushId(), push.domain(), push.losingCompanyId(),
						push.gainingCompanyId(), problem.name(), now));
				outcomes.put(push.pushId(), Outcome.rejected(problem, push.submittedAt(), now));
			}
			else {
				PushFacts domain = move.domain();
				events.add(PushCompleted.of(push.pushId(), push.domain(), push.losingCompanyId(), domain.ownerName(),
						push.gainingCompanyId(), domain.gainingName(), move.report().users(), push.submittedAt(), now,
						move.billingStart(), domain.gainingEmail(), move.report().event()));
				outcomes.put(push.pushId(), Outcome.completed(push.submittedAt(), now));
			}
		}
		pushes.reject(rejected, reasons, now);
		if (!completed.isEmpty()) {
			switchBilling(completed);
			recordCompletions(completed, now, traces);
		}
		outbox.appendAll(Topics.EVENTS, events, traces);
		batches.finish(queued.stream().map(QueuedPush::batchId).filter(Objects::nonNull).distinct().toList());
		return outcomes;
	}

	/**
	 * What each move moves, read before anything moves; its report travels in the push's
	 * event.
	 */
	private List<Move> withReports(List<Move> moves) {
		if (moves.isEmpty()) {
			return moves;
		}
		List<PushReports.Report> read = reports.of(moves.stream().map(Move::domain).toList(),
				moves.stream().map((m) -> m.push().gainingCompanyId()).toList());
		List<Move> reported = new ArrayList<>();
		for (int i = 0; i < moves.size(); i++) {
			reported.add(moves.get(i).withReport(read.get(i)));
		}
		return reported;
	}

	/**
	 * Moves the domains (R1, R5, R7), then counts their users and messages again. Moves
	 * whose counts differ from those before them are undone with everything the round did
	 * (back to a savepoint) and rejected as {@code COUNTS_CHANGED}; the others move
	 * again. Each round that finds a difference drops a move, so this ends.
	 * @return the moves made
	 */
	private List<Move> moveCheckingCounts(List<Move> moves, Map<UUID, PushProblem> problems) {
		List<Move> pending = moves;
		while (!pending.isEmpty()) {
			// a statement rather than the JDBC API: the caller's transaction may be a
			// template's or the interceptor's; the commit releases it
			jdbc.sql("savepoint move_domains").update();
			List<Move> made = freezeBrands(pending);
			moveDomains(made);
			List<PushReports.Counts> after = reports.count(domainIds(made));
			Set<UUID> changed = new HashSet<>();
			for (int i = 0; i < made.size(); i++) {
				if (!made.get(i).report().counts().equals(after.get(i))) {
					changed.add(made.get(i).push().pushId());
				}
			}
			if (changed.isEmpty()) {
				return made;
			}
			jdbc.sql("rollback to savepoint move_domains").update();
			changed.forEach((pushId) -> problems.put(pushId, PushProblem.COUNTS_CHANGED));
			pending = pending.stream().filter((m) -> !changed.contains(m.push().pushId())).toList();
		}
		return pending;
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
		return pushes.giveUp(pushId, PROCESSING_FAILED);
	}

	/** Locks the pushes; those not ACCEPTED (or never stored) get their outcome now. */
	private List<QueuedPush> lockQueued(List<UUID> pushIds, Map<UUID, Outcome> outcomes) {
		Map<UUID, QueuedPush> locked = new HashMap<>();
		pushes.lockForApplying(pushIds).forEach(p -> locked.put(p.pushId(), p));
		List<QueuedPush> queued = new ArrayList<>();
		for (UUID id : pushIds) {
			QueuedPush push = locked.get(id);
			if (push == null) {
				outcomes.put(id, Outcome.unknown());
			}
			else if (push.status() != PushStatus.ACCEPTED) {
				outcomes.put(id, Outcome.skipped(push.status()));
			}
			else if (!outcomes.containsKey(id)) {
				queued.add(push);
				outcomes.put(id, null);
			}
		}
		return queued;
	}

	/**
	 * Locks the domains, then the gaining companies (each in id order), and reads what
	 * R2–R4 look at.
	 */
	private List<PushFacts> lockAndRead(List<QueuedPush> queued) {
		jdbc.sql("select domain_id from domains where domain_id = any(:ids) order by domain_id for update")
			.param("ids", queued.stream().map(QueuedPush::domainId).toArray(Long[]::new))
			.query(Long.class)
			.list();
		// a company is deleted under FOR UPDATE after checking it owns no domains:
		// sharing the lock here
		// makes deletion and this move take turns, so a domain never lands in a deleted
		// company
		jdbc.sql("select company_id from companies where company_id = any(:ids) order by company_id for share")
			.param("ids", queued.stream().map(QueuedPush::gainingCompanyId).toArray(Long[]::new))
			.query(Long.class)
			.list();
		return facts.read(queued.stream().map(QueuedPush::domain).toList(),
				queued.stream().map(QueuedPush::gainingCompanyId).toList());
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
		Long[] gainings = branded.stream().map(m -> m.push().gainingCompanyId()).toArray(Long[]::new);
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
		Map<FrozenKey, Long> frozen = new HashMap<>();
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
					: m.withFrozenBrand(frozen.get(new FrozenKey(m.domain().brandId(), m.push().gainingCompanyId()))))
			.toList();
	}

	/**
	 * R1/R5: one row per domain changes owner (and brand); users and messages follow by
	 * reference. The gaining company's hold, if it chose one, starts now.
	 */
	private void moveDomains(List<Move> moves) {
		jdbc.sql("""
				update domains d set company_id = m.gaining, brand_id = m.brand,
				       held_until = case when g.push_hold_days > 0 then now() + g.push_hold_days * interval '1 day' end
				  from unnest(:domains, :gainings, :brands) as m(domain_id, gaining, brand)
				  join companies g on g.company_id = m.gaining
				 where d.domain_id = m.domain_id""")
			.param("domains", domainIds(moves))
			.param("gainings", moves.stream().map(m -> m.push().gainingCompanyId()).toArray(Long[]::new))
			.param("brands", moves.stream().map(Move::frozenBrand).toArray(Long[]::new))
			.update();
	}

	/**
	 * R8: the losing company pays until the cycle its push is billed from, the gaining
	 * one from then on (each move its own start: a scheduled push's may differ).
	 */
	private void switchBilling(List<Move> moves) {
		Long[] domains = domainIds(moves);
		String[] starts = moves.stream().map((m) -> m.billingStart().toString()).toArray(String[]::new);
		// a period that would only have begun at the next cycle (pushed twice in one
		// cycle) never starts
		jdbc.sql("""
				delete from billing_periods b using unnest(:domains, cast(:starts as date[])) as m(domain_id, start)
				 where b.domain_id = m.domain_id and b.ends_on is null and b.starts_on >= m.start""")
			.param("domains", domains)
			.param("starts", starts)
			.update();
		jdbc.sql(
				"""
						update billing_periods b set ends_on = m.start from unnest(:domains, cast(:starts as date[])) as m(domain_id, start)
						 where b.domain_id = m.domain_id and b.ends_on is null""")
			.param("domains", domains)
			.param("starts", starts)
			.update();
		jdbc.sql(
				"""
						insert into billing_periods (domain_id, company_id, starts_on, push_id)
						select domain_id, company_id, start, push_id from unnest(:domains, :companies, :pushes, cast(:starts as date[]))
						    as b(domain_id, company_id, push_id, start)""")
			.param("domains", domains)
			.param("companies", moves.stream().map(m -> m.push().gainingCompanyId()).toArray(Long[]::new))
			.param("pushes", pushIds(moves))
			.param("starts", starts)
			.update();
	}

	/**
	 * History (R10: one row per applied push), the push's outcome and its notification
	 * (R9).
	 */
	private void recordCompletions(List<Move> moves, Instant now, Map<UUID, String> traces) {
		List<PushReports.Report> moved = moves.stream().map(Move::report).toList();
		List<Integer> users = moved.stream().map(PushReports.Report::users).toList();
		jdbc.sql(
				"""
						insert into push_history (push_id, domain_id, from_company_id, to_company_id, from_brand_id, to_brand_id,
						                          users_moved, messages_moved, bytes_moved, settings_changed, applied_at)
						select h.push_id, h.domain_id, h.from_company_id, h.to_company_id, h.from_brand_id, h.to_brand_id,
						       h.users_moved, h.messages_moved, h.bytes_moved, cast(h.settings_changed as jsonb), :now
						  from unnest(:pushes, :domains, :froms, :tos, :fromBrands, :toBrands, :users, :messages, :bytes,
						              cast(:settings as text[]))
						    as h(push_id, domain_id, from_company_id, to_company_id, from_brand_id, to_brand_id, users_moved,
						         messages_moved, bytes_moved, settings_changed)""")
			.param("messages", moved.stream().map(PushReports.Report::messages).toArray(Long[]::new))
			.param("bytes", moved.stream().map(PushReports.Report::bytes).toArray(Long[]::new))
			.param("settings", moved.stream().map(PushReports.Report::settingsJson).toArray(String[]::new))
			.param("pushes", pushIds(moves))
			.param("domains", domainIds(moves))
			.param("froms", moves.stream().map(m -> m.push().losingCompanyId()).toArray(Long[]::new))
			.param("tos", moves.stream().map(m -> m.push().gainingCompanyId()).toArray(Long[]::new))
			.param("fromBrands", moves.stream().map(m -> m.domain().brandId()).toArray(Long[]::new))
			.param("toBrands", moves.stream().map(Move::frozenBrand).toArray(Long[]::new))
			.param("users", users.toArray(Integer[]::new))
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		List<UUID> completed = moves.stream().map(m -> m.push().pushId()).toList();
		pushes.complete(completed, users, now, moves.stream().map(Move::billingStart).toList());
		notifications.record(completed, moves.stream().map(m -> m.domain().gainingEmail()).toList(), traces);
		notifications.recordDepartures(completed, traces);
	}

	private static Long[] domainIds(List<Move> moves) {
		return moves.stream().map(m -> m.push().domainId()).toArray(Long[]::new);
	}

	private static UUID[] pushIds(List<Move> moves) {
		return moves.stream().map(m -> m.push().pushId()).toArray(UUID[]::new);
	}

	/**
	 * A push that will complete, with the facts it was checked against, its frozen brand
	 * (R7) and what it moves.
	 */
	private record Move(QueuedPush push, PushFacts domain, Long frozenBrand, PushReports.Report report,
			LocalDate billingStart) {

		Move withReport(PushReports.Report read) {
			return new Move(push, domain, frozenBrand, read, billingStart);
		}

		Move withFrozenBrand(Long brand) {
			return new Move(push, domain, brand, report, billingStart);
		}

	}

	private record FrozenKey(long sourceBrandId, long gainingCompanyId) {
	}

}
