package io.domainpush.api.account;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An account as shown: never its password or hash. */
public record AccountView(UUID accountId, Long companyId, String username, OffsetDateTime createdAt) {
}
