package io.domainpush.core.push;

import java.util.UUID;

/** A push about to be accepted: its id, the domain and the two companies. */
public record NewPush(UUID pushId, long domainId, String domain, long losingCompanyId, long gainingCompanyId) {
}
