package io.domainpush.api.batch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.domainpush.api.audit.AuditLog;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.events.PushRequested;
import io.domainpush.core.events.Topics;
import io.domainpush.core.outbox.OutboxWriter;
import io.domainpush.core.rules.DomainNames;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushProblem;
import io.domainpush.core.rules.PushRules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts a bulk migration: every domain is checked up front like a single push (plus
 * duplicates within the batch), the accepted ones become pushes of the batch, and all
 * their requests are written to the outbox with set-based statements in one transaction:
 * no round trip per domain.
 */
@Service
class BatchService {

	private static final int CHUNK = 5000;

	/**
	 * Rejections in the answer to a submission; the rest are read with
	 * {@code GET .../rejections}.
	 */
	static final int SUBMITTED_REJECTIONS = 100;

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	private final AuditLog audit;

	private final ApiLimits limits;

	BatchService(JdbcClient jdbc, OutboxWriter outbox, AuditLog audit, ApiLimits limits) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.audit = audit;
		this.limits = limits;
	}

	/**
	 * Checks every domain, then stores the batch: nothing at all when more than
	 * {@code push.api.limits.max-batch-rejections} domains are refused (a list that is
	 * mostly wrong is sent back whole, and cannot fill the database with rejection rows).
	 */
	@Transactional
	BatchViews.Submitted submit(Caller caller, long gainingCompanyId, List<String> rawDomains) {
		String gainingCluster = gainingCluster(caller, gainingCompanyId);
		if (!caller.isOperator()) {
			requireRoomForABatch(caller.companyId());
		}
		UUID batchId = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		List<Refused> refused = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < rawDomains.size(); i++) {
			String name = DomainNames.normalize(rawDomains.get(i));
			if (name == null) {
				refused.add(new Refused(i, rawDomains.get(i), ErrorCode.VALIDATION_FAILED.name()));
			}
			else if (!seen.add(name)) {
				refused.add(new Refused(i, name, "DUPLICATE_IN_BATCH"));
			}
			else {
				candidates.add(new Candidate(i, name));
			}
		}
		List<Accepted> checked = new ArrayList<>();
		for (int from = 0; from < candidates.size(); from += CHUNK) {
			List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
			checked.addAll(check(caller, gainingCompanyId, gainingCluster, chunk, refused));
		}
		refused.sort(java.util.Comparator.comparingInt(Refused::position));
		if (refused.size() > limits.maxBatchRejections()) {
			throw tooManyRejections(rawDomains.size(), refused);
		}
		jdbc.sql("""
				insert into push_batches (batch_id, gaining_company_id, submitter_company_id, submitted_by, total,
				                          accepted, rejected, submitted_at)
				values (:id, :gaining, :submitter, :by, :total, 0, 0, :at)""")
			.param("id", batchId)
			.param("gaining", gainingCompanyId)
			.param("submitter", caller.companyId())
			.param("by", caller.tokenId())
			.param("total", rawDomains.size())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.update();
		// every writer inserts pushes in domain order: two batches naming the same
		// domains in different
		// orders then wait on each other in one direction only, and never deadlock
		checked.sort(java.util.Comparator.comparingLong(Accepted::domainId));
		int accepted = 0;
		for (int from = 0; from < checked.size(); from += CHUNK) {
			accepted += insert(caller, batchId, gainingCompanyId,
					checked.subList(from, Math.min(checked.size(), from + CHUNK)), now, refused);
		}
		refused.sort(java.util.Comparator.comparingInt(Refused::position));
		recordRejections(batchId, refused);
		jdbc.sql("update push_batches set accepted = :a, rejected = :r where batch_id = :id")
			.param("a", accepted)
			.param("r", refused.size())
			.param("id", batchId)
			.update();
		audit.record(caller, caller.isOperator() ? gainingCompanyId : caller.companyId(), "BATCH_SUBMITTED",
				"batch " + batchId, null, java.util.Map.of("gaining_company_id", gainingCompanyId, "total",
						rawDomains.size(), "accepted", accepted, "rejected", refused.size()));
		List<BatchViews.Rejection> firstPage = refused.stream()
			.limit(SUBMITTED_REJECTIONS)
			.map(r -> new BatchViews.Rejection(r.domain(), r.code()))
			.toList();
		return new BatchViews.Submitted(batchId, rawDomains.size(), accepted, refused.size(), countByCode(refused),
				new Page<>(firstPage, 0, SUBMITTED_REJECTIONS, refused.size() > SUBMITTED_REJECTIONS));
	}

	/**
	 * A company has at most {@code max-unfinished-batches} batches with pushes still
	 * queued.
	 */
	private void requireRoomForABatch(long companyId) {
		// the company's row serialises its submissions, so two cannot both take the last
		// place
		jdbc.sql("select company_id from companies where company_id = :id for update")
			.param("id", companyId)
			.query(Long.class)
			.list();
		long unfinished = jdbc.sql("""
				select count(*) from push_batches b
				 where b.submitter_company_id = :company
				   and exists (select 1 from pushes p where p.batch_id = b.batch_id and p.status = 'ACCEPTED')""")
			.param("company", companyId)
			.query(Long.class)
			.single();
		if (unfinished >= limits.maxUnfinishedBatches()) {
			throw new ApiException(ErrorCode.TOO_MANY_BATCHES, "The company has " + unfinished
					+ " batches with pushes still queued, the most it may have: wait for one to finish or cancel it.");
		}
	}

	private ApiException tooManyRejections(int total, List<Refused> refused) {
		ApiException refusal = new ApiException(ErrorCode.TOO_MANY_REJECTIONS,
				refused.size() + " of " + total + " domains would be refused, more than the "
						+ limits.maxBatchRejections()
						+ " a batch may have: nothing was stored. Correct the list and submit it again.");
		refusal.getBody().setProperty("total", total);
		refusal.getBody().setProperty("rejected", refused.size());
		refusal.getBody().setProperty("rejected_by_code", countByCode(refused));
		refusal.getBody()
			.setProperty("first_rejections",
					refused.stream().limit(20).map(r -> new BatchViews.Rejection(r.domain(), r.code())).toList());
		return refusal;
	}

	private static Map<String, Integer> countByCode(List<Refused> refused) {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		refused.forEach(r -> counts.merge(r.code(), 1, Integer::sum));
		return counts;
	}

	/** The batch's refusals up front, in the order of the submitted list. */
	@Transactional(readOnly = true)
	Page<BatchViews.Rejection> rejections(Caller caller, UUID batchId, PageRequest page) {
		visible(caller, batchId);
		return Page.of(jdbc.sql("""
				select domain, code from push_batch_rejections where batch_id = :id order by position
				 limit :limit offset :offset""")
			.param("id", batchId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(BatchViews.Rejection.class)
			.list(), page);
	}

	/**
	 * The gaining company's cluster. A company admin is told alike that the gaining
	 * company does not exist or has not allowed its company (as for a single push:
	 * companies are known only once they allowed).
	 */
	private String gainingCluster(Caller caller, long gainingCompanyId) {
		Gaining gaining = jdbc
			.sql("""
					select cluster, exists (select 1 from push_allowances a
					                         where a.gaining_company_id = c.company_id and a.losing_company_id = :caller) as allows
					  from companies c where company_id = :id and deleted_at is null""")
			.param("id", gainingCompanyId)
			.param("caller", caller.companyId())
			.query(Gaining.class)
			.optional()
			.orElse(null);
		if (!caller.isOperator() && (gaining == null || !gaining.allows())) {
			throw ApiException.refused(PushProblem.PUSH_NOT_ALLOWED);
		}
		if (gaining == null) {
			throw ApiException.refused(PushProblem.COMPANY_NOT_FOUND);
		}
		return gaining.cluster();
	}

	/**
	 * Checks a chunk like single pushes; returns the domains that may be pushed, refuses
	 * the others.
	 */
	private List<Accepted> check(Caller caller, long gaining, String gainingCluster, List<Candidate> chunk,
			List<Refused> refused) {
		List<Row> rows = jdbc
			.sql("""
					select q.name, d.domain_id, d.company_id, o.cluster,
					       exists (select 1 from push_allowances a
					                where a.gaining_company_id = :gaining and a.losing_company_id = d.company_id) as allowed,
					       exists (select 1 from pushes p where p.domain_id = d.domain_id and p.status = 'ACCEPTED') as active
					  from unnest(:names) with ordinality as q(name, n)
					  left join domains d on d.name = q.name
					  left join companies o on o.company_id = d.company_id
					 order by q.n""")
			.param("gaining", gaining)
			.param("names", chunk.stream().map(Candidate::name).toArray(String[]::new))
			.query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class),
					rs.getString(4), rs.getBoolean(5), rs.getBoolean(6)))
			.list();
		List<Accepted> accepted = new ArrayList<>();
		for (int i = 0; i < chunk.size(); i++) {
			Candidate candidate = chunk.get(i);
			Row row = rows.get(i);
			String code = refusal(caller, row, gaining, gainingCluster);
			if (code != null) {
				refused.add(new Refused(candidate.position(), candidate.name(), code));
			}
			else {
				accepted.add(new Accepted(UUID.randomUUID(), candidate, row.domainId(), row.ownerId()));
			}
		}
		return accepted;
	}

	/**
	 * Stores the pushes of a chunk with their requests; a domain queued meanwhile is
	 * refused.
	 */
	private int insert(Caller caller, UUID batchId, long gaining, List<Accepted> accepted, Instant now,
			List<Refused> refused) {
		// a single push of the same domain may have been accepted meanwhile: the unique
		// index decides
		List<UUID> inserted = jdbc.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    batch_id, submitted_by, submitted_at)
				select id, domain_id, name, losing, :gaining, 'ACCEPTED', :batch, :by, :at
				  from unnest(:ids, :domains, :names, :losings) with ordinality as a(id, domain_id, name, losing, n)
				 order by n
				on conflict (domain_id) where status = 'ACCEPTED' do nothing
				returning push_id""")
			.param("gaining", gaining)
			.param("batch", batchId)
			.param("by", caller.tokenId())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.param("ids", accepted.stream().map(Accepted::pushId).toArray(UUID[]::new))
			.param("domains", accepted.stream().map(Accepted::domainId).toArray(Long[]::new))
			.param("names", accepted.stream().map(a -> a.candidate().name()).toArray(String[]::new))
			.param("losings", accepted.stream().map(Accepted::losing).toArray(Long[]::new))
			.query(UUID.class)
			.list();
		Set<UUID> stored = new HashSet<>(inserted);
		List<PushRequested> requests = new ArrayList<>(stored.size());
		for (Accepted a : accepted) {
			if (stored.contains(a.pushId())) {
				requests.add(PushRequested.of(a.pushId(), a.candidate().name(), a.losing(), gaining, now));
			}
			else {
				refused.add(
						new Refused(a.candidate().position(), a.candidate().name(), ErrorCode.PUSH_IN_PROGRESS.name()));
			}
		}
		outbox.appendAll(Topics.REQUESTS, requests);
		return requests.size();
	}

	/**
	 * The same checks as a single push, answered per domain with a code instead of an
	 * HTTP error.
	 */
	private static String refusal(Caller caller, Row row, long gaining, String gainingCluster) {
		if (row.domainId() == null || !caller.canSee(row.ownerId())) {
			return PushProblem.DOMAIN_NOT_FOUND.name();
		}
		PushFacts facts = new PushFacts(row.domainId(), row.ownerId(), row.ownerCluster(), gaining, gainingCluster,
				row.allowed());
		List<PushProblem> problems = PushRules.upFront(facts, row.ownerId());
		if (!problems.isEmpty()) {
			return problems.get(0).name();
		}
		return row.active() ? ErrorCode.PUSH_IN_PROGRESS.name() : null;
	}

	private void recordRejections(UUID batchId, List<Refused> refused) {
		if (refused.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into push_batch_rejections (batch_id, position, domain, code)
				select :batch, p, d, c from unnest(:positions, :domains, :codes) as r(p, d, c)""")
			.param("batch", batchId)
			.param("positions", refused.stream().map(Refused::position).toArray(Integer[]::new))
			.param("domains", refused.stream().map(Refused::domain).toArray(String[]::new))
			.param("codes", refused.stream().map(Refused::code).toArray(String[]::new))
			.update();
	}

	@Transactional(readOnly = true)
	BatchViews.Progress progress(Caller caller, UUID batchId) {
		Batch batch = visible(caller, batchId);
		return jdbc.sql("""
				select count(*) filter (where status = 'ACCEPTED') as pending,
				       count(*) filter (where status = 'COMPLETED') as completed,
				       count(*) filter (where status = 'REJECTED') as rejected,
				       count(*) filter (where status = 'CANCELLED') as cancelled,
				       count(*) filter (where status = 'FAILED') as failed,
				       max(completed_at) as last
				  from pushes where batch_id = :id""").param("id", batchId).query((rs, n) -> {
			long pending = rs.getLong("pending");
			OffsetDateTime last = rs.getObject("last", OffsetDateTime.class);
			OffsetDateTime finished = pending > 0 ? null : (last != null ? last : batch.submittedAt());
			return new BatchViews.Progress(batchId, batch.gainingCompanyId(), batch.total(), batch.accepted(), pending,
					rs.getLong("completed"), batch.rejected() + rs.getLong("rejected"), rs.getLong("cancelled"),
					rs.getLong("failed"), batch.submittedAt(), finished);
		}).single();
	}

	/** Cancels what is still queued; the submitter (or the operator) only. */
	@Transactional
	BatchViews.Progress cancel(Caller caller, UUID batchId) {
		Batch batch = visible(caller, batchId);
		if (!caller.isOperator() && !caller.companyId().equals(batch.submitterCompanyId())) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only the company that submitted the batch can cancel it.");
		}
		int cancelled = jdbc.sql("""
				update pushes set status = 'CANCELLED', completed_at = now()
				 where batch_id = :id and status = 'ACCEPTED'""").param("id", batchId).update();
		audit.record(caller, batch.submitterCompanyId() != null ? batch.submitterCompanyId() : batch.gainingCompanyId(),
				"BATCH_CANCELLED", "batch " + batchId, null, java.util.Map.of("cancelled", cancelled));
		return progress(caller, batchId);
	}

	/**
	 * The operator, the submitting company and the gaining company see a batch; anyone
	 * else gets 404.
	 */
	Batch visible(Caller caller, UUID batchId) {
		return jdbc.sql("""
				select batch_id, gaining_company_id, submitter_company_id, total, accepted, rejected, submitted_at
				  from push_batches where batch_id = :id""")
			.param("id", batchId)
			.query(Batch.class)
			.optional()
			.filter(b -> caller.isOperator() || caller.companyId() == b.gainingCompanyId()
					|| caller.companyId().equals(b.submitterCompanyId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.NOT_FOUND, "Batch"));
	}

	record Batch(UUID batchId, long gainingCompanyId, Long submitterCompanyId, int total, int accepted, int rejected,
			OffsetDateTime submittedAt) {
	}

	private record Gaining(String cluster, boolean allows) {
	}

	private record Candidate(int position, String name) {
	}

	/** A line of the batch refused up front, with its position in the submission. */
	private record Refused(int position, String domain, String code) {
	}

	private record Row(String name, Long domainId, Long ownerId, String ownerCluster, boolean allowed, boolean active) {
	}

	private record Accepted(UUID pushId, Candidate candidate, long domainId, long losing) {
	}

}
