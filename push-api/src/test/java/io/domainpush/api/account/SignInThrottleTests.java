package io.domainpush.api.account;

import java.time.Duration;

import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's levels against a real PostgreSQL: the delays the stored level asks for
 * are the ones {@link Backoff} names, per username, per known browser and per address.
 */
class SignInThrottleTests {

	private static final Duration FIRST = Duration.ofSeconds(10);

	private static final Duration MAX = Duration.ofSeconds(80);

	private SignInThrottle throttle;

	@BeforeEach
	void migrate() {
		String url = TestPostgres.newDatabase();
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		JdbcClient db = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
		this.throttle = new SignInThrottle(db,
				new AccountProperties(50, 20, new AccountProperties.Throttle(5, 30, Duration.ofHours(1), FIRST, MAX)));
	}

	@Test
	void shouldLetFreeFailuresThroughThenDoubleTheDelayUpToTheMaximum() {
		SignInThrottle.Attempt attempt = new SignInThrottle.Attempt("guessed@example.com", "192.0.2.1", null);
		for (int i = 1; i <= 5; i++) {
			throttle.failed(attempt);
			assertThat(throttle.wait(attempt)).as("after failure %d", i).isZero();
		}
		for (Duration expected : new Duration[] { FIRST, FIRST.multipliedBy(2), FIRST.multipliedBy(4),
				FIRST.multipliedBy(8), MAX }) {
			throttle.failed(attempt);
			assertThat(throttle.wait(attempt)).isBetween(expected.minusSeconds(2), expected);
		}
	}

	@Test
	void shouldHoldBackOnlyTheGuessedUsernameAndNotABrowserThatSignedInAsItBefore() {
		SignInThrottle.Attempt guesser = new SignInThrottle.Attempt("owner@example.com", "192.0.2.1", null);
		for (int i = 0; i < 6; i++) {
			throttle.failed(guesser);
		}
		assertThat(throttle.wait(guesser)).isPositive();
		assertThat(throttle.wait(new SignInThrottle.Attempt("owner@example.com", "192.0.2.2", "known-browser")))
			.isZero();
		assertThat(throttle.wait(new SignInThrottle.Attempt("other@example.com", "192.0.2.3", null))).isZero();
		throttle.succeeded(guesser);
		assertThat(throttle.wait(guesser)).isZero();
	}

	@Test
	void shouldHoldBackAnAddressThatGuessesManyUsernames() {
		for (int i = 0; i < 31; i++) {
			throttle.failed(new SignInThrottle.Attempt("user-" + i + "@example.com", "192.0.2.9", null));
		}
		assertThat(throttle.wait(new SignInThrottle.Attempt("fresh@example.com", "192.0.2.9", null)))
			.isBetween(FIRST.minusSeconds(2), FIRST);
		assertThat(throttle.wait(new SignInThrottle.Attempt("fresh@example.com", "192.0.2.10", null))).isZero();
	}

}
