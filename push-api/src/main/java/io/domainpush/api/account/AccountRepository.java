package io.domainpush.api.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code accounts} table and the console sessions of each account (Spring Session's
 * table, indexed by username): ending an account's sessions is a statement here.
 */
@Repository
public class AccountRepository {

	private static final String VIEW = "select account_id, company_id, username, created_at from accounts";

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account as signing in needs it; none when its company was deleted. */
	public Optional<Credentials> credentials(String username) {
		return jdbc.sql("""
				select a.account_id, a.company_id, a.username, a.password_hash from accounts a
				  left join companies c on c.company_id = a.company_id
				 where a.username = :username and (a.company_id is null or c.deleted_at is null)""")
			.param("username", username)
			.query(Credentials.class)
			.optional();
	}

	/** Whether the account may still act (it exists and so does its company). */
	public boolean isActive(UUID accountId) {
		return jdbc.sql("""
				select exists (select 1 from accounts a left join companies c on c.company_id = a.company_id
				                where a.account_id = :id and (a.company_id is null or c.deleted_at is null))""")
			.param("id", accountId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * @return the new account, or empty when the username is taken
	 */
	Optional<AccountView> insert(Long companyId, String username, String passwordHash) {
		return jdbc.sql("""
				insert into accounts (account_id, company_id, username, password_hash)
				values (:id, :company, :username, :hash) on conflict (username) do nothing
				returning account_id, company_id, username, created_at""")
			.param("id", UUID.randomUUID())
			.param("company", companyId)
			.param("username", username)
			.param("hash", passwordHash)
			.query(AccountView.class)
			.optional();
	}

	/** The company's admins ({@code companyId} null: the operators), oldest first. */
	List<AccountView> list(Long companyId, PageRequest page) {
		return jdbc
			.sql(VIEW + " where company_id is not distinct from :company order by created_at, account_id"
					+ " limit :limit offset :offset")
			.param("company", companyId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(AccountView.class)
			.list();
	}

	Optional<AccountView> find(Long companyId, UUID accountId) {
		return jdbc.sql(VIEW + " where account_id = :id and company_id is not distinct from :company")
			.param("id", accountId)
			.param("company", companyId)
			.query(AccountView.class)
			.optional();
	}

	long count(Long companyId) {
		return jdbc.sql("select count(*) from accounts where company_id is not distinct from :company")
			.param("company", companyId)
			.query(Long.class)
			.single();
	}

	/** Deletes the account and ends its sessions at once. */
	void delete(AccountView account) {
		endSessions(account.username(), null);
		jdbc.sql("delete from accounts where account_id = :id").param("id", account.accountId()).update();
	}

	/** Deletes every account of the company (it is being deleted) and their sessions. */
	public void deleteAllOf(long companyId) {
		jdbc.sql(
				"""
						delete from spring_session where principal_name in (select username from accounts where company_id = :c)""")
			.param("c", companyId)
			.update();
		jdbc.sql("delete from accounts where company_id = :c").param("c", companyId).update();
	}

	/** Sets the password and ends the account's sessions but {@code keepSessionId}. */
	void changePassword(AccountView account, String passwordHash, String keepSessionId) {
		jdbc.sql("update accounts set password_hash = :hash, password_changed_at = now() where account_id = :id")
			.param("hash", passwordHash)
			.param("id", account.accountId())
			.update();
		endSessions(account.username(), keepSessionId);
	}

	/**
	 * Creates the operator account unless the username has one already (the operator
	 * bootstrap: a password changed since stays changed); @return whether it was created
	 */
	boolean createOperatorIfMissing(String username, String passwordHash) {
		return jdbc.sql("""
				insert into accounts (account_id, company_id, username, password_hash) values (:id, null, :u, :hash)
				on conflict (username) do nothing""")
			.param("id", UUID.randomUUID())
			.param("u", username)
			.param("hash", passwordHash)
			.update() == 1;
	}

	private void endSessions(String username, String keepSessionId) {
		jdbc.sql("""
				delete from spring_session where principal_name = :username
				   and (cast(:keep as text) is null or session_id <> :keep)""")
			.param("username", username)
			.param("keep", keepSessionId)
			.update();
	}

	/** What signing in checks; {@code companyId} null: an operator. */
	public record Credentials(UUID accountId, Long companyId, String username, String passwordHash) {
	}

}
