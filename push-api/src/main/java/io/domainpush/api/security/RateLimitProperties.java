package io.domainpush.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requestsPerMinute requests one token may make per minute (429 RATE_LIMITED with Retry-After above)
 * @param failedAuthenticationsPerMinute wrong tokens one client address may present per minute before it
 * is refused without even looking the token up
 */
@ConfigurationProperties("push.api.rate-limit")
public record RateLimitProperties(@DefaultValue("600") long requestsPerMinute,
		@DefaultValue("20") long failedAuthenticationsPerMinute) {
}
