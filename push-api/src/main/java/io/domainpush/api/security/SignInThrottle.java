package io.domainpush.api.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins counted per username (in PostgreSQL, so all instances count together,
 * whether or not the username exists: the answer tells nothing about which do) and per
 * client address (in memory). Past the limit a sign-in is refused before its password is
 * checked, until the window ends.
 */
@Component
class SignInThrottle {

	private final JdbcClient jdbc;

	private final AccountProperties properties;

	private final RateLimiter perAddress;

	SignInThrottle(JdbcClient jdbc, AccountProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.perAddress = new RateLimiter(properties.maxSignInFailuresPerAddress(), properties.failureWindow());
	}

	boolean refuses(String username, String address) {
		return perAddress.retryAfter(address) > 0 || jdbc.sql("""
				select exists (select 1 from sign_in_failures where username = :u and failures >= :max
				                and window_started_at > now() - :windowSeconds * interval '1 second')""")
			.param("u", username)
			.param("max", properties.maxSignInFailures())
			.param("windowSeconds", properties.failureWindow().toSeconds())
			.query(Boolean.class)
			.single();
	}

	void failed(String username, String address) {
		perAddress.tryAcquire(address);
		jdbc.sql(
				"""
						insert into sign_in_failures (username, failures, window_started_at) values (:u, 1, now())
						on conflict (username) do update set
						  failures = case when sign_in_failures.window_started_at > now() - :windowSeconds * interval '1 second'
						                  then sign_in_failures.failures + 1 else 1 end,
						  window_started_at = case when sign_in_failures.window_started_at > now() - :windowSeconds * interval '1 second'
						                  then sign_in_failures.window_started_at else now() end""")
			.param("u", username)
			.param("windowSeconds", properties.failureWindow().toSeconds())
			.update();
	}

	void succeeded(String username) {
		jdbc.sql("delete from sign_in_failures where username = :u").param("u", username).update();
	}

}
