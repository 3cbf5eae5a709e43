package io.domainpush.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * People's accounts and signing in.
 *
 * @param maxPerCompany admin accounts one company may have (409 TOO_MANY_ACCOUNTS beyond)
 * @param maxOperators operator accounts of the platform
 * @param maxSignInFailures failed sign-ins of one username within {@code failureWindow}
 * after which that username is refused without its password being checked, until the
 * window ends
 * @param failureWindow how long failed sign-ins are counted
 * @param maxSignInFailuresPerAddress failed sign-ins from one client address within
 * {@code failureWindow} after which that address is refused (any username)
 */
@ConfigurationProperties("push.security.accounts")
public record AccountProperties(@DefaultValue("50") int maxPerCompany, @DefaultValue("20") int maxOperators,
		@DefaultValue("10") int maxSignInFailures, @DefaultValue("15m") Duration failureWindow,
		@DefaultValue("30") int maxSignInFailuresPerAddress) {
}
