package io.domainpush.api.account;

import java.util.Map;
import java.util.UUID;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.company.CompanyDeleted;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.rules.EmailAddresses;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's accounts: company admins (managed by the operator and by the company's own
 * admins) and operators (managed by operators). A password is checked and hashed before
 * the transaction (hashing is slow on purpose); deleting an account or changing its
 * password ends its sessions in the same transaction.
 */
@Service
class AccountService {

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final CompanyLookup companies;

	private final AuditLog audit;

	private final AccountProperties properties;

	private final TransactionTemplate transaction;

	private final AccountSignIn signIn;

	AccountService(AccountRepository accounts, Passwords passwords, CompanyLookup companies, AuditLog audit,
			AccountProperties properties, TransactionTemplate transaction, AccountSignIn signIn) {
		this.signIn = signIn;
		this.accounts = accounts;
		this.passwords = passwords;
		this.companies = companies;
		this.audit = audit;
		this.properties = properties;
		this.transaction = transaction;
	}

	/**
	 * The operator makes an admin with a password (a company's admins invite instead:
	 * nobody chooses another person's password, and the answer tells nothing about other
	 * accounts).
	 */
	AccountView createAdmin(Caller caller, long companyId, String username, String password) {
		companies.requireVisible(caller, companyId);
		if (!caller.isOperator()) {
			throw new ApiException(ErrorCode.FORBIDDEN,
					"Administrators are added by invitation: POST /api/v1/companies/" + companyId + "/invitations.");
		}
		String name = username(username);
		String hash = acceptableHash(password, name);
		return transaction.execute(status -> {
			companies.lock(companyId);
			return create(caller, companyId, name, hash, properties.maxPerCompany());
		});
	}

	Page<AccountView> admins(Caller caller, long companyId, PageRequest page) {
		return transaction.execute(status -> {
			companies.requireVisible(caller, companyId);
			return Page.of(accounts.list(companyId, page), page);
		});
	}

	void deleteAdmin(Caller caller, long companyId, UUID adminId) {
		transaction.executeWithoutResult(status -> {
			companies.requireVisible(caller, companyId);
			AccountView account = accounts.find(companyId, adminId)
				.orElseThrow(() -> ApiException.notFound(ErrorCode.ACCOUNT_NOT_FOUND, "Account"));
			accounts.delete(account);
			audit.record(caller, companyId, "ACCOUNT_DELETED", "account " + adminId,
					Map.of("username", account.username()), null);
		});
	}

	AccountView createOperator(Caller caller, String username, String password) {
		caller.requireOperator();
		String name = username(username);
		String hash = acceptableHash(password, name);
		return transaction.execute(status -> create(caller, null, name, hash, properties.maxOperators()));
	}

	Page<AccountView> operators(Caller caller, PageRequest page) {
		caller.requireOperator();
		return transaction.execute(status -> Page.of(accounts.list(null, page), page));
	}

	void deleteOperator(Caller caller, UUID operatorId) {
		caller.requireOperator();
		transaction.executeWithoutResult(status -> {
			AccountView account = accounts.find(null, operatorId)
				.orElseThrow(() -> ApiException.notFound(ErrorCode.ACCOUNT_NOT_FOUND, "Account"));
			if (accounts.count(null) == 1) {
				throw new ApiException(ErrorCode.LAST_OPERATOR,
						"This is the last operator account: create another one first.");
			}
			accounts.delete(account);
			audit.record(caller, null, "ACCOUNT_DELETED", "account " + operatorId,
					Map.of("username", account.username()), null);
		});
	}

	/**
	 * A signed-in person changes their own password, giving the current one (a wrong one
	 * is throttled and audited as a failed sign-in is: a stolen session cannot guess it
	 * at the request rate); their other sessions end, this one ({@code sessionId}, its id
	 * just changed) goes on.
	 */
	void changeOwnPassword(Caller caller, String current, String next, String sessionId, String address) {
		if (caller.via() != Caller.Via.ACCOUNT) {
			throw new ApiException(ErrorCode.FORBIDDEN, "Only a signed-in person has a password to change.");
		}
		AccountView account = transaction.execute(status -> accounts.find(caller.companyId(), caller.actorId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.ACCOUNT_NOT_FOUND, "Account"));
		String stored = accounts.credentials(account.username())
			.map(AccountRepository.Credentials::passwordHash)
			.orElse(null);
		try {
			if (!signIn.checkOwnPassword(caller, account.username(), current, address)) {
				throw new ApiException(ErrorCode.PASSWORD_REJECTED, "The current password is not right.");
			}
		}
		catch (AccountSignIn.Refused throttled) {
			throw new ApiException(ErrorCode.PASSWORD_REJECTED, throttled.getMessage());
		}
		if (passwords.matches(next == null ? "" : next, stored)) {
			throw new ApiException(ErrorCode.PASSWORD_REJECTED, "The new password is the current one: choose another.");
		}
		String hash = acceptableHash(next, account.username());
		transaction.executeWithoutResult(status -> {
			accounts.changePassword(account, hash, sessionId);
			audit.record(caller, caller.companyId(), "PASSWORD_CHANGED", "account " + account.accountId(), null, null);
		});
	}

	private AccountView create(Caller caller, Long companyId, String username, String hash, int max) {
		if (accounts.count(companyId) >= max) {
			throw new ApiException(ErrorCode.TOO_MANY_ACCOUNTS,
					"There are " + max + " accounts already, the most there may be: delete one first.");
		}
		AccountView created = accounts.insert(companyId, username, hash)
			.orElseThrow(() -> new ApiException(ErrorCode.USERNAME_TAKEN, "This username is taken."));
		audit.record(caller, companyId, "ACCOUNT_CREATED", "account " + created.accountId(), null,
				Map.of("username", username, "kind", companyId == null ? "operator" : "admin"));
		return created;
	}

	/**
	 * A deleted company's admins go with it, and their sessions end (same transaction).
	 */
	@EventListener
	void on(CompanyDeleted deleted) {
		accounts.deleteAllOf(deleted.companyId());
	}

	private String acceptableHash(String password, String username) {
		passwords.requireAcceptable(password, username);
		return passwords.hash(password);
	}

	/** Usernames are email addresses, compared and stored in lower case. */
	static String username(String username) {
		String name = Usernames.normalize(username);
		if (name.length() > 254 || !EmailAddresses.isValid(name)) {
			throw ApiException.invalid("username must be an email address such as admin@example.com.");
		}
		return name;
	}

}
