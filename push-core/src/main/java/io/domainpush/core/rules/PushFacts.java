package io.domainpush.core.rules;

/**
 * What the push rules look at, and what applying a push needs, read in one query: the
 * domain (null if absent) with its owner, brand and user count, and the gaining company
 * (null if absent or deleted) with whether it allows the domain's owner; {@code queued}
 * says whether a push of the domain is already ACCEPTED.
 */
public record PushFacts(Long domainId, String domain, Long ownerCompanyId, String ownerCluster, String ownerName,
		Long brandId, int userCount, Long gainingCompanyId, String gainingCluster, String gainingName,
		String gainingEmail, boolean gainingAllowsOwner, boolean queued) {

	/** The facts the rules read, and nothing else (for tests of the rules). */
	public static PushFacts of(Long domainId, Long ownerCompanyId, String ownerCluster, Long gainingCompanyId,
			String gainingCluster, boolean gainingAllowsOwner) {
		return new PushFacts(domainId, null, ownerCompanyId, ownerCluster, null, null, 0, gainingCompanyId,
				gainingCluster, null, null, gainingAllowsOwner, false);
	}

	public boolean domainExists() {
		return domainId != null;
	}

	public boolean gainingCompanyExists() {
		return gainingCompanyId != null;
	}

}
