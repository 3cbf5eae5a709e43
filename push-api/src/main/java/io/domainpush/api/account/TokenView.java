package io.domainpush.api.account;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A token as listed: never the secret, which is shown once at creation. */
public record TokenView(UUID tokenId, Long companyId, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
		OffsetDateTime revokedAt) {
}
