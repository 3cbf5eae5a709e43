package io.domainpush.core.rules;

import java.time.Instant;

/**
 * What the push rules look at, and what applying a push needs, read in one query: the
 * domain (null if absent) with its owner, brand and user count, and the gaining company
 * (null if absent or deleted) with whether it allows the domain's owner and whether it
 * approves each push; {@code queued} says whether the domain has an open push already.
 *
 * @param heldUntil until when a hold keeps the domain where its last push put it, null
 * when no hold is in force now
 */
public record PushFacts(Long domainId, String domain, Long ownerCompanyId, String ownerCluster, String ownerName,
		Long brandId, int userCount, Long gainingCompanyId, String gainingCluster, String gainingName,
		String gainingEmail, boolean gainingAllowsOwner, boolean queued, Instant heldUntil, boolean gainingApproves) {

	/** The facts the rules read, and nothing else (for tests of the rules). */
	public static PushFacts of(Long domainId, Long ownerCompanyId, String ownerCluster, Long gainingCompanyId,
			String gainingCluster, boolean gainingAllowsOwner) {
		return new PushFacts(domainId, null, ownerCompanyId, ownerCluster, null, null, 0, gainingCompanyId,
				gainingCluster, null, null, gainingAllowsOwner, false, null, false);
	}

	/**
	 * The same facts with a hold in force until {@code until} (for tests of the rules).
	 */
	public PushFacts heldUntil(Instant until) {
		return new PushFacts(domainId, domain, ownerCompanyId, ownerCluster, ownerName, brandId, userCount,
				gainingCompanyId, gainingCluster, gainingName, gainingEmail, gainingAllowsOwner, queued, until,
				gainingApproves);
	}

	public boolean domainExists() {
		return domainId != null;
	}

	public boolean gainingCompanyExists() {
		return gainingCompanyId != null;
	}

}
