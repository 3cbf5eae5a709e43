package io.domainpush.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requestsPerMinute requests one token may make per minute (429 RATE_LIMITED with
 * Retry-After above)
 * @param requestsPerMinutePerCompany requests all tokens of one company together may make
 * per minute
 * @param failedAuthenticationsPerMinute wrong tokens one client address may present per
 * minute; above it a wrong token is answered 429 instead of 401 (a valid token is never
 * refused for it)
 * @param passwordChecksPerMinute requests one username may make with its password per
 * minute through the OMA-compatible API: each costs a deliberately slow bcrypt check
 * (about 80 ms of CPU), so callers who ask often use a session token (a lookup)
 */
@ConfigurationProperties("push.api.rate-limit")
public record RateLimitProperties(@DefaultValue("600") long requestsPerMinute,
		@DefaultValue("1200") long requestsPerMinutePerCompany, @DefaultValue("20") long failedAuthenticationsPerMinute,
		@DefaultValue("60") long passwordChecksPerMinute) {
}
