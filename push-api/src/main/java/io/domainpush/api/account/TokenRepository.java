package io.domainpush.api.account;

import io.domainpush.api.common.Caller;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TokenRepository {

	/** Resolves a token and notes its use, at most once a minute, in one round trip. */
	private static final String AUTHENTICATE = """
			with t as (
			  select k.token_id, k.company_id, k.last_used_at from api_tokens k
			    left join companies c on c.company_id = k.company_id
			   where k.token_hash = :hash and k.revoked_at is null
			     and (k.company_id is null or c.deleted_at is null)),
			u as (
			  update api_tokens set last_used_at = now()
			   where token_id in (select token_id from t
			                       where last_used_at is null or last_used_at < now() - interval '1 minute'))
			select token_id, company_id from t""";

	private final JdbcClient jdbc;

	TokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Caller> authenticate(byte[] hash) {
		return jdbc.sql(AUTHENTICATE)
			.param("hash", hash)
			.query((rs, n) -> Caller.token(rs.getObject("token_id", UUID.class),
					rs.getObject("company_id", Long.class)))
			.optional();
	}

	public TokenView create(Long companyId, String label, byte[] hash) {
		return jdbc.sql("""
				insert into api_tokens (token_id, company_id, label, token_hash) values (:id, :company, :label, :hash)
				returning token_id, company_id, label, created_at, last_used_at, revoked_at""")
			.param("id", UUID.randomUUID())
			.param("company", companyId)
			.param("label", label)
			.param("hash", hash)
			.query(TokenView.class)
			.single();
	}

	/**
	 * Makes a known token valid (operator bootstrap); does nothing if it already exists.
	 */
	public void ensure(Long companyId, String label, byte[] hash) {
		jdbc.sql("""
				insert into api_tokens (token_id, company_id, label, token_hash) values (:id, :company, :label, :hash)
				on conflict (token_hash) do update set revoked_at = null""")
			.param("id", UUID.randomUUID())
			.param("company", companyId)
			.param("label", label)
			.param("hash", hash)
			.update();
	}

	public List<TokenView> list(long companyId, PageRequest page) {
		return jdbc.sql("""
				select token_id, company_id, label, created_at, last_used_at, revoked_at from api_tokens
				 where company_id = :company order by created_at, token_id limit :limit offset :offset""")
			.param("company", companyId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(TokenView.class)
			.list();
	}

	/**
	 * Tokens of the company that are not revoked; counted under the company row's lock by
	 * the caller.
	 */
	public int countActive(long companyId) {
		return jdbc.sql("select count(*) from api_tokens where company_id = :company and revoked_at is null")
			.param("company", companyId)
			.query(Integer.class)
			.single();
	}

	public boolean revoke(long companyId, UUID tokenId) {
		return jdbc.sql("""
				update api_tokens set revoked_at = coalesce(revoked_at, now())
				 where company_id = :company and token_id = :id""")
			.param("company", companyId)
			.param("id", tokenId)
			.update() == 1;
	}

	public void revokeAll(long companyId) {
		jdbc.sql("update api_tokens set revoked_at = now() where company_id = :company and revoked_at is null")
			.param("company", companyId)
			.update();
	}

}
