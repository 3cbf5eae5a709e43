package io.domainpush.api.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.core.planning.KeptPlans;
import io.domainpush.core.push.NewPush;
import io.domainpush.core.push.PushPlan;
import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.push.Pushes;
import io.domainpush.core.push.Submission;
import io.domainpush.core.rules.DomainNames;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushFactsRepository;
import io.domainpush.core.rules.PushProblem;
import io.domainpush.core.rules.PushRules;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepting a push: check R2–R4 at once so a push that cannot succeed is refused up
 * front, then store it and its {@link io.domainpush.core.events.PushRequested} in one
 * transaction (the outbox guarantees it reaches Kafka even if this process dies right
 * after answering 202).
 */
@Service
public class PushService {

	private final PushFactsRepository facts;

	private final Pushes pushes;

	private final Notifications notifications;

	private final PushRepository views;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final PushPreviews previews;

	private final PushPlans plans;

	PushService(PushFactsRepository facts, Pushes pushes, Notifications notifications, PushRepository views,
			AuditLog audit, TransactionTemplate transaction, PushPreviews previews, PushPlans plans, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.previews = previews;
		this.plans = plans;
		this.facts = facts;
		this.pushes = pushes;
		this.notifications = notifications;
		this.views = views;
		this.audit = audit;
		this.transaction = transaction;
	}

	/**
	 * Submits a push; with an Idempotency-Key, the same key and body give the same push
	 * again. Two requests with one key racing each other: the second one's transaction
	 * fails on the key's unique index and is answered, in a new transaction, with the
	 * push the first one stored.
	 */
	Submitted submit(Caller caller, PushRequests.SubmitPush request, String idempotencyKey) {
		try {
			return transaction.execute(status -> accept(caller, request, idempotencyKey));
		}
		catch (DuplicateKeyException race) {
			if (idempotencyKey == null) {
				throw ApiException.refused(PushProblem.PUSH_IN_PROGRESS);
			}
			return transaction.execute(status -> accept(caller, request, idempotencyKey));
		}
	}

	private Submitted accept(Caller caller, PushRequests.SubmitPush request, String idempotencyKey) {
		// one push: every statement finds its rows by key (the domain, the companies, the
		// push)
		KeptPlans.forThisTransaction(jdbc);
		String domain = domainName(request.domain());
		String requestHash = hash(request.fingerprint(domain));
		if (idempotencyKey != null) {
			var existing = views.findByIdempotencyKey(caller.idempotencyScope(), idempotencyKey);
			if (existing.isPresent()) {
				if (!existing.get().requestHash().equals(requestHash)) {
					throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
							"This Idempotency-Key was used with another request body.");
				}
				return new Submitted(seenBy(caller, existing.get().view()), false);
			}
		}
		PushFacts current = facts.read(domain, request.gainingCompanyId());
		requireVisibleDomain(caller, current);
		long losing = current.ownerCompanyId();
		List<PushProblem> problems = PushRules.upFront(current, losing);
		if (!problems.isEmpty()) {
			throw ApiException.refused(problems.get(0), current);
		}
		UUID pushId = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		PushPlan plan = plans.plan(now, request.notBefore(), request.at(), current.gainingApproves());
		Set<UUID> stored = pushes.accept(
				List.of(new NewPush(pushId, current.domainId(), domain, losing, request.gainingCompanyId())),
				Submission.single(caller.actorId(), now, caller.idempotencyScope(), idempotencyKey, requestHash)
					.withPlan(plan));
		if (stored.isEmpty()) {
			// queued by a concurrent request since the facts were read
			throw ApiException.refused(PushProblem.PUSH_IN_PROGRESS);
		}
		audit.record(caller, losing, "PUSH_SUBMITTED", "push " + pushId, null, submittedFacts(domain, request, plan));
		return new Submitted(seenBy(caller, views.find(pushId).orElseThrow().view()), true);
	}

	@Transactional(readOnly = true)
	Precheck precheck(Caller caller, PushRequests.SubmitPush request) {
		PushFacts current = facts.read(domainName(request.domain()), request.gainingCompanyId());
		List<PushProblem> problems = problemsUpFront(caller, current);
		return Precheck.of(problems, current, problems.isEmpty() ? previews.of(current) : null);
	}

	/**
	 * What pushing this domain to this company would change, or the refusal the push
	 * itself would get (the OMA-compatible API's dry run).
	 */
	@Transactional(readOnly = true)
	public PushPreview previewOrRefuse(Caller caller, String rawDomain, long gainingCompanyId) {
		PushFacts current = facts.read(domainName(rawDomain), gainingCompanyId);
		List<PushProblem> problems = problemsUpFront(caller, current);
		if (!problems.isEmpty()) {
			throw ApiException.refused(problems.get(0), current);
		}
		return previews.of(current);
	}

	/** A domain the caller may not see is one that does not exist. */
	private static List<PushProblem> problemsUpFront(Caller caller, PushFacts current) {
		if (!current.domainExists() || !caller.canSee(current.ownerCompanyId())) {
			return List.of(PushProblem.DOMAIN_NOT_FOUND);
		}
		return PushRules.upFront(current, current.ownerCompanyId());
	}

	/**
	 * What the console's confirmation pop-up says before a push: the domain, its users,
	 * whether it is branded (the article's warning differs), and the gaining company's
	 * name, shown only when nothing stands in the way (the gaining company allowed the
	 * caller, so it may be named); otherwise the problems.
	 */
	@Transactional(readOnly = true)
	Confirmation confirmation(Caller caller, String rawDomain, long gainingCompanyId) {
		String domain = domainName(rawDomain);
		PushFacts current = facts.read(domain, gainingCompanyId);
		requireVisibleDomain(caller, current);
		List<PushProblem> problems = PushRules.upFront(current, current.ownerCompanyId());
		return new Confirmation(domain, current.userCount(), current.brandId() != null, gainingCompanyId,
				problems.isEmpty() ? current.gainingName() : null, problems,
				problems.isEmpty() ? previews.of(current) : null, current.heldUntil(),
				problems.isEmpty() && current.gainingApproves());
	}

	/**
	 * Submits a push of {@code domain} to {@code gainingCompanyId}, unless it is a retry:
	 * when the domain's latest push, one the caller may see as its losing side, goes to
	 * the same company and is still open, or COMPLETED with the domain still there, that
	 * push is answered instead, so a client that lost its answer and asks again converges
	 * on the one push (the OMA-compatible API's push_domain).
	 */
	public PushView submitOrResume(Caller caller, String rawDomain, long gainingCompanyId) {
		String domain = domainName(rawDomain);
		try {
			return resumable(caller, domain, gainingCompanyId)
				.orElseGet(() -> submit(caller, new PushRequests.SubmitPush(domain, gainingCompanyId), null).push());
		}
		catch (ApiException ex) {
			if (ex.code() != ErrorCode.PUSH_IN_PROGRESS) {
				throw ex;
			}
			// a concurrent retry queued it since: attach to that one
			return resumable(caller, domain, gainingCompanyId).orElseThrow(() -> ex);
		}
	}

	/**
	 * What a completed push moved, for whoever may see the push; 409 REPORT_NOT_READY
	 * while it is not completed (a rejected or cancelled push moved nothing).
	 */
	@Transactional(readOnly = true)
	public PushReport report(Caller caller, UUID pushId) {
		PushView push = get(caller, pushId);
		return views.report(pushId)
			.filter(report -> push.status() == PushStatus.COMPLETED)
			.orElseThrow(() -> new ApiException(ErrorCode.REPORT_NOT_READY,
					"The push is " + push.status() + ": only a completed push has a report of what it moved."));
	}

	private Optional<PushView> resumable(Caller caller, String domain, long gainingCompanyId) {
		return transaction.execute(status -> views.latestOf(domain)
			.map(PushRepository.StoredPush::view)
			.filter(push -> push.gainingCompanyId() == gainingCompanyId && caller.canSee(push.losingCompanyId()))
			.filter(push -> !push.status().isTerminal() || (push.status() == PushStatus.COMPLETED
					&& Long.valueOf(gainingCompanyId).equals(facts.read(domain, gainingCompanyId).ownerCompanyId())))
			.map(push -> seenBy(caller, push)));
	}

	@Transactional(readOnly = true)
	public PushView get(Caller caller, UUID pushId) {
		return seenBy(caller, visible(caller, pushId));
	}

	@Transactional(readOnly = true)
	List<PushView> list(Caller caller, PushRepository.PushFilter filter, io.domainpush.api.web.PageRequest page) {
		return views.list(caller.companyId(), filter, page).stream().map(p -> seenBy(caller, p.view())).toList();
	}

	/**
	 * The losing company (or the operator) may cancel (withdraw) a push that is still
	 * open: awaiting approval, scheduled, or not applied by the worker yet.
	 */
	@Transactional
	public PushView cancel(Caller caller, UUID pushId) {
		PushView push = visible(caller, pushId);
		if (!caller.isOperator() && caller.companyId() != push.losingCompanyId()) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only the losing company can cancel a push.");
		}
		if (!pushes.cancel(pushId)) {
			throw new ApiException(ErrorCode.PUSH_NOT_CANCELLABLE, "The push is "
					+ views.find(pushId).orElseThrow().view().status() + " and can no longer be cancelled.");
		}
		audit.record(caller, push.losingCompanyId(), "PUSH_CANCELLED", "push " + pushId, null,
				Map.of("domain", push.domain()));
		return seenBy(caller, views.find(pushId).orElseThrow().view());
	}

	/**
	 * The gaining company (or the operator) approves a push awaiting its approval: it
	 * goes ahead now, or at its planned time. Everything is checked again when the worker
	 * applies it (a losing company removed from the allowed companies since: REJECTED).
	 */
	@Transactional
	public PushView approve(Caller caller, UUID pushId) {
		return decide(caller, pushId, true);
	}

	/** The gaining company (or the operator) declines a push awaiting its approval. */
	@Transactional
	public PushView decline(Caller caller, UUID pushId) {
		return decide(caller, pushId, false);
	}

	private PushView decide(Caller caller, UUID pushId, boolean approve) {
		PushView push = visible(caller, pushId);
		requireGainingSide(caller, push, approve ? "approve" : "decline");
		if (!(approve ? pushes.approve(pushId) : pushes.decline(pushId))) {
			throw notAwaitingApproval(views.find(pushId).orElseThrow().view().status());
		}
		audit.record(caller, push.gainingCompanyId(), approve ? "PUSH_APPROVED" : "PUSH_DECLINED", "push " + pushId,
				null, Map.of("domain", push.domain(), "losing_company_id", push.losingCompanyId()));
		return seenBy(caller, views.find(pushId).orElseThrow().view());
	}

	static ApiException notAwaitingApproval(PushStatus status) {
		return new ApiException(ErrorCode.PUSH_NOT_AWAITING_APPROVAL,
				"The push is " + status + ": only a push awaiting approval can be approved or declined.");
	}

	/** The gaining side's decisions are its own: the losing side is refused. */
	static void requireGainingSide(Caller caller, PushView push, String action) {
		if (!caller.isOperator() && caller.companyId() != push.gainingCompanyId()) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only the gaining company can " + action + " a push.");
		}
	}

	/**
	 * What the audit trail keeps of a submission: the domain, the gaining company and the
	 * plan.
	 */
	private static Map<String, Object> submittedFacts(String domain, PushRequests.SubmitPush request, PushPlan plan) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("domain", domain);
		facts.put("gaining_company_id", request.gainingCompanyId());
		if (plan.notBefore() != null) {
			facts.put("not_before", plan.notBefore().toString());
		}
		if (plan.approvalDeadline() != null) {
			facts.put("approval_deadline", plan.approvalDeadline().toString());
		}
		return facts;
	}

	/**
	 * The gaining company (or the operator) has a FAILED notification sent again, e.g.
	 * after fixing its notification address: it goes to the company's current address.
	 */
	@Transactional
	PushView resendNotification(Caller caller, UUID pushId) {
		PushView push = visible(caller, pushId);
		if (!caller.isOperator() && caller.companyId() != push.gainingCompanyId()) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only the gaining company can have its notification resent.");
		}
		if (!notifications.resend(pushId)) {
			NotificationStatus status = push.notification() == null ? null : push.notification().status();
			String detail = status == NotificationStatus.FAILED
					? "The gaining company has no notification email: set one, then resend."
					: "Only a FAILED notification can be resent; this one is " + (status == null ? "not due" : status)
							+ ".";
			throw new ApiException(ErrorCode.NOTIFICATION_NOT_RESENDABLE, detail);
		}
		audit.record(caller, push.gainingCompanyId(), "NOTIFICATION_RESENT", "push " + pushId, null,
				Map.of("domain", push.domain()));
		return seenBy(caller, views.find(pushId).orElseThrow().view());
	}

	/**
	 * The notification's address and error are the gaining company's: only it and the
	 * operator see them.
	 */
	private static PushView seenBy(Caller caller, PushView push) {
		return push.forCaller(caller.isOperator() || caller.companyId() == push.gainingCompanyId());
	}

	private PushView visible(Caller caller, UUID pushId) {
		return views.find(pushId)
			.map(PushRepository.StoredPush::view)
			.filter(p -> caller.canSee(p.losingCompanyId()) || caller.canSee(p.gainingCompanyId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.PUSH_NOT_FOUND, "Push"));
	}

	/**
	 * A company admin naming a domain it does not own gets 404 DOMAIN_NOT_FOUND (DESIGN
	 * §4).
	 */
	private static void requireVisibleDomain(Caller caller, PushFacts current) {
		if (!current.domainExists() || !caller.canSee(current.ownerCompanyId())) {
			throw ApiException.notFound(ErrorCode.DOMAIN_NOT_FOUND, "Domain");
		}
	}

	private static String domainName(String raw) {
		String domain = DomainNames.normalize(raw);
		if (domain == null) {
			throw ApiException.invalid("domain is not a valid domain name.");
		}
		return domain;
	}

	private static String hash(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Submitted(PushView push, boolean created) {
	}

	/**
	 * @param heldUntil until when a hold keeps the domain (null: none)
	 * @param needsApproval the gaining company approves each push: this one will wait for
	 * it
	 */
	record Confirmation(String domain, int userCount, boolean branded, long gainingCompanyId, String gainingName,
			List<PushProblem> problems, PushPreview preview, Instant heldUntil, boolean needsApproval) {
	}

	/** The problems of a push; with none, what it would change ({@code preview}). */
	record Precheck(boolean ok, List<Problem> problems, PushPreview preview) {

		static Precheck of(List<PushProblem> problems, PushFacts facts, PushPreview preview) {
			return new Precheck(problems.isEmpty(),
					problems.stream().map(p -> new Problem(p.name(), p.detail(facts))).toList(), preview);
		}

		record Problem(String code, String detail) {
		}

	}

}
