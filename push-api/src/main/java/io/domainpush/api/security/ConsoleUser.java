package io.domainpush.api.security;

import io.domainpush.api.common.Caller;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A person signed in to the console: their account, username and company (null: an
 * operator). Kept in the session (Spring Session stores it in PostgreSQL, so every
 * push-api instance knows it); {@link #getName()} indexes the sessions by username, so an
 * account's sessions can be ended.
 */
public record ConsoleUser(UUID accountId, String username,
		Long companyId) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return username;
	}

	public boolean isOperator() {
		return companyId == null;
	}

	public Caller caller() {
		return Caller.account(accountId, companyId);
	}

}
