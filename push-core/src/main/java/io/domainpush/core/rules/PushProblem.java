package io.domainpush.core.rules;

/**
 * Why a push cannot be applied (DESIGN §5). The same codes are answered by the API at
 * submission and recorded by the worker as the {@code reason} of a REJECTED push.
 */
public enum PushProblem {

	/** The domain does not exist (or the caller may not see it). */
	DOMAIN_NOT_FOUND,
	/** The gaining company does not exist or was deleted. */
	COMPANY_NOT_FOUND,
	/** R4: the domain no longer belongs to the losing company named in the push. */
	NOT_DOMAIN_OWNER,
	/** A company cannot push a domain to itself. */
	SAME_COMPANY,
	/** R2: both companies must be on the same email cluster. */
	CLUSTER_MISMATCH,
	/**
	 * R3: the gaining company has not listed the losing company in its allowed companies.
	 */
	PUSH_NOT_ALLOWED,
	/**
	 * The domain came in by a push less than its gaining company's hold ago and cannot be
	 * pushed out again until the hold ends (the refusal says until when).
	 */
	DOMAIN_ON_HOLD,
	/** Another push of the domain is open (checked before acceptance only). */
	PUSH_IN_PROGRESS,
	/**
	 * The users or messages counted on the domain after its move differ from those
	 * counted before it: the move was undone (checked by the worker only).
	 */
	COUNTS_CHANGED;

	/**
	 * Whether the API can answer this problem when a push is asked for; the others are
	 * found only by the worker, applying it.
	 */
	public boolean answeredAtSubmission() {
		return this != COUNTS_CHANGED;
	}

	/**
	 * The detail for this domain: a hold says until when (ISO-8601, UTC), which the
	 * caller needs to know when to try again.
	 */
	public String detail(PushFacts facts) {
		if (this == DOMAIN_ON_HOLD && facts.heldUntil() != null) {
			return "The domain came in by a push and is on hold until " + facts.heldUntil()
					+ ": it cannot be pushed again before then.";
		}
		return detail();
	}

	public String detail() {
		return switch (this) {
			case DOMAIN_NOT_FOUND -> "The domain does not exist.";
			case COMPANY_NOT_FOUND -> "The gaining company does not exist.";
			case NOT_DOMAIN_OWNER -> "The domain does not belong to the losing company any more.";
			case SAME_COMPANY -> "The domain already belongs to the gaining company.";
			case CLUSTER_MISMATCH -> "Both companies must be on the same email cluster.";
			case PUSH_NOT_ALLOWED -> "The gaining company has not allowed pushes from the losing company.";
			case DOMAIN_ON_HOLD -> "The domain came in by a push and is on hold: it cannot be pushed again yet.";
			case PUSH_IN_PROGRESS -> "Another push of this domain is queued.";
			case COUNTS_CHANGED -> "The users or messages counted after the move differ from those before it.";
		};
	}

}
