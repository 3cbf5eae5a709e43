package io.domainpush.api.oma;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OMA-compatible API ({@code push.oma.*}).
 *
 * @param pushWait how long push_domain waits for its push to be applied before answering
 * that it is still in progress
 * @param maxWaitingCalls push_domain calls that may wait at once: each holds a request
 * thread, so beyond this a call answers at once, as on a timeout (call again to wait)
 * @param sessionTokenDuration a session token's lifetime when authenticate does not ask
 * for one (OMA's default, 3 hours)
 * @param maxSessionTokenDuration the longest lifetime authenticate may ask for (OMA's, 24
 * hours), and the longest a chain of tokens lives from the password sign-in that started
 * it (a token made with a token expires no later than its chain)
 * @param maxSessionTokensPerAccount valid tokens one account may hold; issuing one more
 * ends its oldest
 */
@ConfigurationProperties("push.oma")
record OmaProperties(@DefaultValue("30s") Duration pushWait, @DefaultValue("100") int maxWaitingCalls,
		@DefaultValue("3h") Duration sessionTokenDuration, @DefaultValue("24h") Duration maxSessionTokenDuration,
		@DefaultValue("20") int maxSessionTokensPerAccount) {
}
