package io.domainpush.api.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Session tokens of the OMA-compatible API: 256 random bits like the API's tokens, shown
 * once, stored as their SHA-256 only. A token is valid until it expires, while its
 * account exists (deleting the account deletes them) and its password has not changed
 * since the token was issued. A token made with a token expires no later than its chain:
 * the fixed time from the password sign-in that started it.
 */
@Repository
class SessionTokens {

	private final JdbcClient jdbc;

	SessionTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new token of the account, first deleting its expired ones and, beyond
	 * {@code maxPerAccount}, its oldest, so that an account's tokens stay bounded.
	 */
	OffsetDateTime issue(UUID accountId, byte[] tokenHash, Duration lifetime, OffsetDateTime chainExpiresAt,
			int maxPerAccount) {
		jdbc.sql("""
				delete from oma_session_tokens where account_id = :account
				   and (expires_at <= now() or token_hash in (
				        select token_hash from oma_session_tokens where account_id = :account
				         order by created_at desc offset :keep))""")
			.param("account", accountId)
			.param("keep", maxPerAccount - 1)
			.update();
		return jdbc.sql("""
				insert into oma_session_tokens (token_hash, account_id, expires_at, chain_expires_at)
				values (:hash, :account, least(now() + :seconds * interval '1 second', :chain), :chain)
				returning expires_at""")
			.param("hash", tokenHash)
			.param("account", accountId)
			.param("seconds", lifetime.toSeconds())
			.param("chain", chainExpiresAt)
			.query(OffsetDateTime.class)
			.single();
	}

	/**
	 * The account of {@code username} when {@code tokenHash} is one of its valid tokens,
	 * with the end of the token's chain.
	 */
	Optional<Presented> account(String username, byte[] tokenHash) {
		return jdbc.sql("""
				select a.account_id, a.company_id, a.username, a.password_hash, t.chain_expires_at
				  from oma_session_tokens t join accounts a on a.account_id = t.account_id
				  left join companies c on c.company_id = a.company_id
				 where t.token_hash = :hash and a.username = :username and t.expires_at > now()
				   and t.created_at >= a.password_changed_at and (a.company_id is null or c.deleted_at is null)""")
			.param("hash", tokenHash)
			.param("username", username)
			.query((rs, n) -> new Presented(new AccountRepository.Credentials(rs.getObject("account_id", UUID.class),
					rs.getObject("company_id", Long.class), rs.getString("username"), rs.getString("password_hash")),
					rs.getObject("chain_expires_at", OffsetDateTime.class)))
			.optional();
	}

	/** A valid token's account, and when the token's chain ends. */
	record Presented(AccountRepository.Credentials account, OffsetDateTime chainExpiresAt) {
	}

}
