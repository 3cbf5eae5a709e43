package io.domainpush.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * R2–R4 of DESIGN §2, checked the same way by the API (up front) and by the worker (when
 * applying, against the state locked in its transaction).
 */
public final class PushRules {

	private PushRules() {
	}

	/**
	 * Every problem that stands in the way of pushing the domain from
	 * {@code losingCompanyId}, in a fixed order (most fundamental first). Empty when the
	 * push may proceed.
	 */
	public static List<PushProblem> problems(PushFacts facts, long losingCompanyId) {
		List<PushProblem> problems = new ArrayList<>();
		if (!facts.domainExists()) {
			problems.add(PushProblem.DOMAIN_NOT_FOUND);
			return problems;
		}
		// R4: the losing company is the domain's current owner.
		if (facts.ownerCompanyId() != losingCompanyId) {
			problems.add(PushProblem.NOT_DOMAIN_OWNER);
		}
		if (!facts.gainingCompanyExists()) {
			problems.add(PushProblem.COMPANY_NOT_FOUND);
			return problems;
		}
		if (facts.gainingCompanyId() == losingCompanyId) {
			problems.add(PushProblem.SAME_COMPANY);
			return problems;
		}
		// R2: same email cluster.
		if (!facts.gainingCluster().equals(facts.ownerCluster())) {
			problems.add(PushProblem.CLUSTER_MISMATCH);
		}
		// R3: the gaining company allowed the losing company once; any number of pushes
		// may follow.
		if (!facts.gainingAllowsOwner()) {
			problems.add(PushProblem.PUSH_NOT_ALLOWED);
		}
		// the company the domain was last pushed to holds it for the days it chose
		if (facts.heldUntil() != null) {
			problems.add(PushProblem.DOMAIN_ON_HOLD);
		}
		return problems;
	}

	/**
	 * The problems as the losing side is told them before a push is accepted. A gaining
	 * company that does not exist and one that has not allowed the losing company answer
	 * alike, {@code PUSH_NOT_ALLOWED}: a company is known to another only once it allowed
	 * it, so no probe can tell which companies exist or on which cluster they are. Only
	 * after that does the cluster check (R2) speak.
	 */
	public static List<PushProblem> upFront(PushFacts facts, long losingCompanyId) {
		List<PushProblem> problems = new ArrayList<>(problems(facts, losingCompanyId));
		if (problems.contains(PushProblem.COMPANY_NOT_FOUND) || problems.contains(PushProblem.PUSH_NOT_ALLOWED)) {
			problems.removeAll(
					List.of(PushProblem.COMPANY_NOT_FOUND, PushProblem.CLUSTER_MISMATCH, PushProblem.PUSH_NOT_ALLOWED));
			problems.add(PushProblem.PUSH_NOT_ALLOWED);
		}
		// one queued push per domain: a second one could only conflict with it
		if (facts.domainExists() && facts.queued()) {
			problems.add(PushProblem.PUSH_IN_PROGRESS);
		}
		// in the order of PushProblem: most fundamental first
		problems.sort(null);
		return problems;
	}

	/** The first problem, as the worker records it in a rejection. */
	public static Optional<PushProblem> firstProblem(PushFacts facts, long losingCompanyId) {
		return problems(facts, losingCompanyId).stream().findFirst();
	}

}
