package io.domainpush.api.account;

import java.time.Duration;

import io.domainpush.core.retention.RetentionProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Browsers a person signed in from before (OWASP's device cookie): the browser keeps a
 * random token in a cookie, only its hash is stored with the username. Failed sign-ins
 * made elsewhere never slow such a browser down (it has its own throttle).
 */
@Repository
public class KnownBrowsers {

	public static final String COOKIE = "DP_BROWSER";

	private final JdbcClient jdbc;

	private final Duration rememberedFor;

	KnownBrowsers(JdbcClient jdbc, RetentionProperties retention) {
		this.jdbc = jdbc;
		this.rememberedFor = retention.knownBrowsers();
	}

	/** How long a browser stays known without signing in again. */
	Duration rememberedFor() {
		return rememberedFor;
	}

	/** Whether the browser holding {@code token} signed in as {@code username} before. */
	boolean isKnown(String token, String username) {
		if (token == null || token.length() > 100) {
			return false;
		}
		return jdbc.sql("""
				select exists (select 1 from known_browsers where token_hash = :hash and username = :u
				                and last_seen_at > now() - :millis * interval '1 millisecond')""")
			.param("hash", Tokens.hash(token))
			.param("u", username)
			.param("millis", rememberedFor.toMillis())
			.query(Boolean.class)
			.single();
	}

	/** The browser holding {@code token} signed in as {@code username} now. */
	void remember(String token, String username) {
		jdbc.sql("""
				insert into known_browsers (token_hash, username) values (:hash, :u)
				on conflict (token_hash, username) do update set last_seen_at = now()""")
			.param("hash", Tokens.hash(token))
			.param("u", username)
			.update();
	}

	/** The throttle key of a known browser: its token's hash, never the token. */
	static String throttleKey(String token) {
		return "browser:" + java.util.HexFormat.of().formatHex(Tokens.hash(token));
	}

}
