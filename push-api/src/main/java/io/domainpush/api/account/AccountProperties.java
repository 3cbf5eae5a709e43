package io.domainpush.api.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * People's accounts and signing in.
 *
 * @param maxPerCompany admin accounts one company may have (409 TOO_MANY_ACCOUNTS beyond)
 * @param maxOperators operator accounts of the platform
 * @param throttle how failed sign-ins slow the next attempt down
 */
@ConfigurationProperties("push.security.accounts")
public record AccountProperties(@DefaultValue("50") int maxPerCompany, @DefaultValue("20") int maxOperators,
		@DefaultValue @NestedConfigurationProperty Throttle throttle) {

	/**
	 * Failed sign-ins never lock anyone out: each one raises a level that leaks away over
	 * {@code window}; past the free failures the next attempt is looked at only after a
	 * delay, {@code firstDelay} doubling with each further failure up to
	 * {@code maxDelay}. Counted per username (a browser that signed in as it before
	 * counts on its own) and per client address.
	 *
	 * @param freeFailures failures of one username within a window that cost no delay
	 * @param freeFailuresPerAddress failures from one client address within a window that
	 * cost no delay
	 */
	public record Throttle(@DefaultValue("5") int freeFailures, @DefaultValue("30") int freeFailuresPerAddress,
			@DefaultValue("15m") Duration window, @DefaultValue("1s") Duration firstDelay,
			@DefaultValue("5m") Duration maxDelay) {

		Backoff perUsername() {
			return new Backoff(freeFailures, window, firstDelay, maxDelay);
		}

		Backoff perAddress() {
			return new Backoff(freeFailuresPerAddress, window, firstDelay, maxDelay);
		}

	}

}
