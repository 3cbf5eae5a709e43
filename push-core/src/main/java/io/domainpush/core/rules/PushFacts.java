package io.domainpush.core.rules;

/**
 * What the push rules look at, read in one query: the domain (null if absent), its owner,
 * and the gaining company (null if absent or deleted) with whether it allows the domain's
 * owner.
 */
public record PushFacts(Long domainId, Long ownerCompanyId, String ownerCluster, Long gainingCompanyId,
		String gainingCluster, boolean gainingAllowsOwner) {

	public boolean domainExists() {
		return domainId != null;
	}

	public boolean gainingCompanyExists() {
		return gainingCompanyId != null;
	}

}
