package io.domainpush.api.batch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.batch.BatchRepository.Refusal;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.push.PushPlans;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.push.NewPush;
import io.domainpush.core.push.PushPlan;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.push.Batches;
import io.domainpush.core.push.Pushes;
import io.domainpush.core.push.Submission;
import io.domainpush.core.rules.DomainNames;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushFactsRepository;
import io.domainpush.core.rules.PushProblem;
import io.domainpush.core.rules.PushRules;

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

	/** Domains checked and stored per statement. */
	private static final int CHUNK = 5000;

	/**
	 * Rejections in the answer to a submission; the rest are read with
	 * {@code GET .../rejections}.
	 */
	static final int SUBMITTED_REJECTIONS = 100;

	private final BatchRepository batches;

	private final PushFactsRepository facts;

	private final Pushes pushes;

	private final CompanyLookup companies;

	private final AuditLog audit;

	private final ApiLimits limits;

	private final Batches finishedBatches;

	private final PushPlans plans;

	BatchService(BatchRepository batches, PushFactsRepository facts, Pushes pushes, CompanyLookup companies,
			AuditLog audit, ApiLimits limits, Batches finishedBatches, PushPlans plans) {
		this.finishedBatches = finishedBatches;
		this.plans = plans;
		this.batches = batches;
		this.facts = facts;
		this.pushes = pushes;
		this.companies = companies;
		this.audit = audit;
		this.limits = limits;
	}

	/**
	 * Checks every domain, then stores the batch: nothing at all when more than
	 * {@code push.api.limits.max-batch-rejections} domains are refused (a list that is
	 * mostly wrong is sent back whole, and cannot fill the database with rejection rows).
	 */
	@Transactional
	BatchViews.Submitted submit(Caller caller, long gainingCompanyId, List<String> rawDomains, OffsetDateTime notBefore,
			String at) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		requireAllowedBy(caller, gainingCompanyId);
		PushPlan plan = plans.plan(now, notBefore, at, facts.approvesEachPush(gainingCompanyId));
		if (!caller.isOperator()) {
			requireRoomForABatch(caller.companyId());
		}
		List<Refusal> refused = new ArrayList<>();
		List<Candidate> candidates = screen(rawDomains, refused);
		List<Checked> checked = check(caller, gainingCompanyId, candidates, refused);
		if (refused.size() > limits.maxBatchRejections()) {
			throw tooManyRejections(rawDomains.size(), refused);
		}
		UUID batchId = UUID.randomUUID();
		batches.insert(batchId, gainingCompanyId, caller.companyId(), caller.actorId(), rawDomains.size(), now);
		int accepted = accept(Submission.batch(caller.actorId(), now, batchId).withPlan(plan), gainingCompanyId,
				checked, refused);
		refused.sort(Comparator.comparingInt(Refusal::position));
		batches.recordOutcome(batchId, accepted, refused);
		if (accepted == 0) {
			finishedBatches.finish(List.of(batchId));
		}
		audit.record(caller, caller.isOperator() ? gainingCompanyId : caller.companyId(), "BATCH_SUBMITTED",
				"batch " + batchId, null, Map.of("gaining_company_id", gainingCompanyId, "total", rawDomains.size(),
						"accepted", accepted, "rejected", refused.size()));
		List<BatchViews.Rejection> firstPage = refused.stream().limit(SUBMITTED_REJECTIONS).map(Refusal::view).toList();
		return new BatchViews.Submitted(batchId, rawDomains.size(), accepted, refused.size(), countByCode(refused),
				new Page<>(firstPage, 0, SUBMITTED_REJECTIONS, refused.size() > SUBMITTED_REJECTIONS));
	}

	/**
	 * A company admin is told alike that the gaining company does not exist or has not
	 * allowed its company (as for a single push: companies are known only once they
	 * allowed).
	 */
	private void requireAllowedBy(Caller caller, long gainingCompanyId) {
		Optional<Boolean> allows = facts.allows(gainingCompanyId, caller.companyId());
		if (!caller.isOperator() && !allows.orElse(false)) {
			throw ApiException.refused(PushProblem.PUSH_NOT_ALLOWED);
		}
		if (allows.isEmpty()) {
			throw ApiException.refused(PushProblem.COMPANY_NOT_FOUND);
		}
	}

	/**
	 * A company has at most {@code max-unfinished-batches} batches with pushes still
	 * queued.
	 */
	private void requireRoomForABatch(long companyId) {
		// the company's row serialises its submissions, so two cannot both take the last
		// place
		companies.lock(companyId);
		long unfinished = pushes.countUnfinishedBatchesOf(companyId);
		if (unfinished >= limits.maxUnfinishedBatches()) {
			throw new ApiException(ErrorCode.TOO_MANY_BATCHES, "The company has " + unfinished
					+ " batches with pushes still queued, the most it may have: wait for one to finish or cancel it.");
		}
	}

	/** Valid names, once each; the others refused with their position. */
	private static List<Candidate> screen(List<String> rawDomains, List<Refusal> refused) {
		List<Candidate> candidates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < rawDomains.size(); i++) {
			String name = DomainNames.normalize(rawDomains.get(i));
			if (name == null) {
				refused.add(new Refusal(i, rawDomains.get(i), ErrorCode.VALIDATION_FAILED.name()));
			}
			else if (!seen.add(name)) {
				refused.add(new Refusal(i, name, "DUPLICATE_IN_BATCH"));
			}
			else {
				candidates.add(new Candidate(i, name));
			}
		}
		return candidates;
	}

	/**
	 * The same checks as a single push, answered per domain with a code instead of an
	 * HTTP error.
	 */
	private List<Checked> check(Caller caller, long gainingCompanyId, List<Candidate> candidates,
			List<Refusal> refused) {
		List<Checked> checked = new ArrayList<>();
		for (int from = 0; from < candidates.size(); from += CHUNK) {
			List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
			List<PushFacts> chunkFacts = facts.read(chunk.stream().map(Candidate::name).toList(), gainingCompanyId);
			for (int i = 0; i < chunk.size(); i++) {
				PushFacts domain = chunkFacts.get(i);
				PushProblem problem = refusal(caller, domain);
				if (problem != null) {
					refused.add(new Refusal(chunk.get(i).position(), chunk.get(i).name(), problem.name()));
				}
				else {
					checked.add(new Checked(chunk.get(i), new NewPush(UUID.randomUUID(), domain.domainId(),
							chunk.get(i).name(), domain.ownerCompanyId(), gainingCompanyId)));
				}
			}
		}
		return checked;
	}

	private static PushProblem refusal(Caller caller, PushFacts domain) {
		if (!domain.domainExists() || !caller.canSee(domain.ownerCompanyId())) {
			return PushProblem.DOMAIN_NOT_FOUND;
		}
		List<PushProblem> problems = PushRules.upFront(domain, domain.ownerCompanyId());
		return problems.isEmpty() ? null : problems.get(0);
	}

	/**
	 * Stores the checked pushes with their requests; a domain queued meanwhile (by a
	 * single push or another batch) is refused. Every writer inserts pushes in domain
	 * order: two batches naming the same domains in different orders then wait on each
	 * other in one direction only, and never deadlock.
	 */
	private int accept(Submission submission, long gainingCompanyId, List<Checked> checked, List<Refusal> refused) {
		List<Checked> inDomainOrder = new ArrayList<>(checked);
		inDomainOrder.sort(Comparator.comparingLong(c -> c.push().domainId()));
		int accepted = 0;
		for (int from = 0; from < inDomainOrder.size(); from += CHUNK) {
			List<Checked> chunk = inDomainOrder.subList(from, Math.min(inDomainOrder.size(), from + CHUNK));
			Set<UUID> stored = pushes.accept(chunk.stream().map(Checked::push).toList(), submission);
			for (Checked c : chunk) {
				if (!stored.contains(c.push().pushId())) {
					refused.add(new Refusal(c.candidate().position(), c.candidate().name(),
							PushProblem.PUSH_IN_PROGRESS.name()));
				}
			}
			accepted += stored.size();
		}
		return accepted;
	}

	private ApiException tooManyRejections(int total, List<Refusal> refused) {
		refused.sort(Comparator.comparingInt(Refusal::position));
		ApiException refusal = ApiException.unprocessable(ErrorCode.TOO_MANY_REJECTIONS,
				refused.size() + " of " + total + " domains would be refused, more than the "
						+ limits.maxBatchRejections()
						+ " a batch may have: nothing was stored. Correct the list and submit it again.");
		refusal.getBody().setProperty("total", total);
		refusal.getBody().setProperty("rejected", refused.size());
		refusal.getBody().setProperty("rejected_by_code", countByCode(refused));
		refusal.getBody().setProperty("first_rejections", refused.stream().limit(20).map(Refusal::view).toList());
		return refusal;
	}

	private static Map<String, Integer> countByCode(List<Refusal> refused) {
		Map<String, Integer> counts = new TreeMap<>();
		refused.forEach(r -> counts.merge(r.code(), 1, Integer::sum));
		return counts;
	}

	/** The batch's refusals up front, in the order of the submitted list. */
	@Transactional(readOnly = true)
	Page<BatchViews.Rejection> rejections(Caller caller, UUID batchId, PageRequest page) {
		visible(caller, batchId);
		return Page.of(batches.rejections(batchId, page), page);
	}

	@Transactional(readOnly = true)
	BatchViews.Progress progress(Caller caller, UUID batchId) {
		BatchRepository.Batch batch = visible(caller, batchId);
		Pushes.BatchCounts counts = pushes.countBatch(batchId);
		long pending = PushStatus.OPEN.stream().mapToLong(counts::of).sum();
		OffsetDateTime last = counts.lastCompletedAt();
		OffsetDateTime finished = pending > 0 ? null : (last != null ? last : batch.submittedAt());
		return new BatchViews.Progress(batchId, batch.gainingCompanyId(), batch.total(), batch.accepted(), pending,
				counts.of(PushStatus.AWAITING_APPROVAL), counts.of(PushStatus.SCHEDULED),
				counts.of(PushStatus.COMPLETED), batch.rejected() + counts.of(PushStatus.REJECTED),
				counts.of(PushStatus.CANCELLED), counts.of(PushStatus.FAILED), counts.of(PushStatus.DECLINED),
				counts.of(PushStatus.EXPIRED), batch.submittedAt(), finished);
	}

	/** Every domain of the batch with its outcome, one row at a time. */
	@Transactional(readOnly = true)
	void results(Caller caller, UUID batchId, Consumer<BatchRepository.Result> row) {
		visible(caller, batchId);
		batches.results(batchId, row);
	}

	/** Cancels what is still queued; the submitter (or the operator) only. */
	@Transactional
	BatchViews.Progress cancel(Caller caller, UUID batchId) {
		BatchRepository.Batch batch = visible(caller, batchId);
		if (!caller.isOperator() && !caller.companyId().equals(batch.submitterCompanyId())) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only the company that submitted the batch can cancel it.");
		}
		int cancelled = pushes.cancelBatch(batchId);
		// a cancellation that found nothing queued changed nothing: the trail records
		// changes
		if (cancelled > 0) {
			audit.record(caller,
					batch.submitterCompanyId() != null ? batch.submitterCompanyId() : batch.gainingCompanyId(),
					"BATCH_CANCELLED", "batch " + batchId, null, Map.of("cancelled", cancelled));
		}
		return progress(caller, batchId);
	}

	/**
	 * The gaining company (or the operator) approves or declines, at once, every push of
	 * the batch still awaiting its approval; the submitting side is refused.
	 */
	@Transactional
	BatchViews.Progress decide(Caller caller, UUID batchId, boolean approve) {
		BatchRepository.Batch batch = visible(caller, batchId);
		if (!caller.isOperator() && caller.companyId() != batch.gainingCompanyId()) {
			throw new ApiException(ErrorCode.FORBIDDEN,
					"Only the gaining company can " + (approve ? "approve" : "decline") + " a batch's pushes.");
		}
		int decided = approve ? pushes.approveBatch(batchId) : pushes.declineBatch(batchId);
		if (decided > 0) {
			audit.record(caller, batch.gainingCompanyId(), approve ? "BATCH_APPROVED" : "BATCH_DECLINED",
					"batch " + batchId, null, Map.of(approve ? "approved" : "declined", decided));
		}
		return progress(caller, batchId);
	}

	/**
	 * The operator, the submitting company and the gaining company see a batch; anyone
	 * else gets 404.
	 */
	BatchRepository.Batch visible(Caller caller, UUID batchId) {
		return batches.find(batchId)
			.filter(b -> caller.isOperator() || caller.companyId() == b.gainingCompanyId()
					|| caller.companyId().equals(b.submitterCompanyId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.NOT_FOUND, "Batch"));
	}

	private record Candidate(int position, String name) {
	}

	/** A domain that passed the checks, with the push it becomes. */
	private record Checked(Candidate candidate, NewPush push) {
	}

}
