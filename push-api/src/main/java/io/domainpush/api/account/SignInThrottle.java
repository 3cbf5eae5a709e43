package io.domainpush.api.account;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down whoever guesses passwords, never locking out the account's owner (OWASP's
 * authentication guidance, NIST SP 800-63B 5.2.2). Failed sign-ins are counted per
 * username (in PostgreSQL, so every instance counts together, whether or not the username
 * exists: the answer tells nothing about which do) and per client address (in memory),
 * each as a {@link Backoff}: the next attempt is looked at only after a delay that grows
 * with recent failures, and the count leaks away over a window. A browser that signed in
 * as the username before has a throttle of its own instead: failures made elsewhere never
 * slow it down. A session token is never throttled.
 */
@Component
class SignInThrottle {

	/** Client addresses kept in memory at most; beyond, the quietest are forgotten. */
	static final int MAX_ADDRESSES = 100_000;

	private final JdbcClient jdbc;

	private final Backoff perUsername;

	private final Backoff perAddress;

	private final Map<String, Level> addresses = new ConcurrentHashMap<>();

	SignInThrottle(JdbcClient jdbc, AccountProperties properties) {
		this.jdbc = jdbc;
		this.perUsername = properties.throttle().perUsername();
		this.perAddress = properties.throttle().perAddress();
	}

	/**
	 * How long {@code attempt} must wait before its secret is looked at; zero when it may
	 * be now.
	 */
	Duration wait(Attempt attempt) {
		Duration key = jdbc.sql("""
				select greatest(0, extract(epoch from next_allowed_at - now()) * 1000)::bigint
				  from sign_in_throttles where throttle_key = :key""")
			.param("key", attempt.key())
			.query(Long.class)
			.optional()
			.map(Duration::ofMillis)
			.orElse(Duration.ZERO);
		if (attempt.fromKnownBrowser()) {
			return key;
		}
		Level address = addresses.get(attempt.address());
		Duration byAddress = address == null ? Duration.ZERO : address.waitAt(System.nanoTime());
		return key.compareTo(byAddress) >= 0 ? key : byAddress;
	}

	void failed(Attempt attempt) {
		double level = jdbc.sql("""
				insert into sign_in_throttles as t (throttle_key, level, updated_at, next_allowed_at)
				values (:key, 1, now(), now())
				on conflict (throttle_key) do update set
				  level = greatest(0, t.level - :leak * extract(epoch from now() - t.updated_at)) + 1,
				  updated_at = now()
				returning level""")
			.param("key", attempt.key())
			.param("leak", perUsername.leakPerSecond())
			.query(Double.class)
			.single();
		// greatest: of two failures at once, the one that counted last may hold the lower
		// level
		jdbc.sql("""
				update sign_in_throttles
				   set next_allowed_at = greatest(next_allowed_at, now() + :delayMillis * interval '1 millisecond')
				 where throttle_key = :key""")
			.param("key", attempt.key())
			.param("delayMillis", perUsername.delayAt(level).toMillis())
			.update();
		if (!attempt.fromKnownBrowser()) {
			failedFrom(attempt.address());
		}
	}

	/** A failure that names no account (a wrong session token) counts for its address. */
	void failedFrom(String address) {
		if (addresses.size() >= MAX_ADDRESSES) {
			long now = System.nanoTime();
			addresses.values().removeIf(level -> level.waitAt(now).isZero());
		}
		addresses.compute(address, (key, level) -> (level == null ? Level.NONE : level).failed(perAddress));
	}

	void succeeded(Attempt attempt) {
		jdbc.sql("delete from sign_in_throttles where throttle_key = :key").param("key", attempt.key()).update();
	}

	/**
	 * One sign-in attempt: the username, where it comes from, and the known-browser token
	 * it carries when it comes from a browser that signed in as this username before.
	 */
	record Attempt(String username, String address, String knownBrowser) {

		boolean fromKnownBrowser() {
			return knownBrowser != null;
		}

		String key() {
			return fromKnownBrowser() ? KnownBrowsers.throttleKey(knownBrowser) : "user:" + username;
		}

	}

	/** A client address's level of failures, and when its next attempt may come. */
	private record Level(double level, long updatedNanos, long nextAllowedNanos) {

		static final Level NONE = new Level(0, System.nanoTime(), 0);

		Level failed(Backoff backoff) {
			long now = System.nanoTime();
			double raised = backoff.leaked(level, Duration.ofNanos(now - updatedNanos)) + 1;
			return new Level(raised, now, now + backoff.delayAt(raised).toNanos());
		}

		Duration waitAt(long now) {
			return nextAllowedNanos > now ? Duration.ofNanos(nextAllowedNanos - now) : Duration.ZERO;
		}

	}

}
