package io.domainpush.api.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.invitation.Invitations;
import io.domainpush.core.invitation.Invitations.Invitation;
import io.domainpush.core.webhook.WebhookSecrets;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A company's admins add another admin by invitation: the inviter gives an email address,
 * the invitee receives a single-use link that expires and sets their own password. The
 * inviter's answer is the same whether or not the address has an account anywhere, so
 * inviting tells nothing about other accounts; nobody chooses another person's password.
 */
@Service
class InvitationService {

	private final Invitations invitations;

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final CompanyLookup companies;

	private final AuditLog audit;

	private final WebhookSecrets secrets;

	private final InvitationProperties properties;

	private final TransactionTemplate transaction;

	private final AccountProperties accountProperties;

	InvitationService(Invitations invitations, AccountRepository accounts, Passwords passwords, CompanyLookup companies,
			AuditLog audit, WebhookSecrets secrets, InvitationProperties properties,
			AccountProperties accountProperties, TransactionTemplate transaction) {
		this.invitations = invitations;
		this.accounts = accounts;
		this.passwords = passwords;
		this.companies = companies;
		this.audit = audit;
		this.secrets = secrets;
		this.properties = properties;
		this.accountProperties = accountProperties;
		this.transaction = transaction;
	}

	/** How long an invitation's link works. */
	Duration lifetime() {
		return properties.lifetime();
	}

	/** Sends an invitation to {@code email} to administer the company. */
	Sent invite(Caller caller, long companyId, String email) {
		companies.requireVisible(caller, companyId);
		if (!secrets.enabled()) {
			throw new ApiException(ErrorCode.INVITATIONS_OFF,
					"Invitations are not configured on this platform (push.webhooks.secret-key seals their links).");
		}
		String address = AccountService.username(email);
		String token = Tokens.newToken();
		transaction.executeWithoutResult(status -> {
			companies.lock(companyId);
			if (invitations.countOpen(companyId) >= properties.maxOpen()) {
				throw new ApiException(ErrorCode.TOO_MANY_INVITATIONS, "The company has " + properties.maxOpen()
						+ " invitations open, the most it may have: revoke one or wait for one to be accepted.");
			}
			UUID id = invitations.create(companyId, address, Tokens.hash(token), secrets.seal(token), caller.actorId(),
					properties.lifetime());
			audit.record(caller, companyId, "INVITATION_SENT", "invitation " + id, null, Map.of("email", address));
		});
		return new Sent(address, "invitation sent");
	}

	Page<InvitationView> list(Caller caller, long companyId, PageRequest page) {
		return transaction.execute(status -> {
			companies.requireVisible(caller, companyId);
			Instant now = Instant.now();
			return Page.of(invitations.list(companyId, page.limit(), page.offset())
				.stream()
				.map(i -> InvitationView.of(i, now))
				.toList(), page);
		});
	}

	void revoke(Caller caller, long companyId, UUID invitationId) {
		transaction.executeWithoutResult(status -> {
			companies.requireVisible(caller, companyId);
			if (!invitations.revoke(companyId, invitationId)) {
				throw ApiException.notFound(ErrorCode.INVITATION_NOT_FOUND, "Invitation");
			}
			audit.record(caller, companyId, "INVITATION_REVOKED", "invitation " + invitationId, null, null);
		});
	}

	/** The open invitation behind a link, for its page. */
	Optional<Invited> invited(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		return transaction.execute(status -> invitations.openForAcceptance(Tokens.hash(token))
			.map(i -> new Invited(i.email(), i.companyId(), companies.name(i.companyId()))));
	}

	/**
	 * The invitee sets their password: the account is made and the link used up.
	 * @throws ApiException INVITATION_NOT_FOUND (a link used, revoked, expired or wrong),
	 * USERNAME_TAKEN (the address has an account already), PASSWORD_REJECTED
	 */
	void accept(String token, String password) {
		Invited invited = invited(token)
			.orElseThrow(() -> ApiException.notFound(ErrorCode.INVITATION_NOT_FOUND, "Invitation"));
		passwords.requireAcceptable(password, invited.email());
		String hash = passwords.hash(password);
		transaction.executeWithoutResult(status -> {
			Invitation invitation = invitations.openForAcceptance(Tokens.hash(token))
				.orElseThrow(() -> ApiException.notFound(ErrorCode.INVITATION_NOT_FOUND, "Invitation"));
			companies.lock(invitation.companyId());
			if (accounts.count(invitation.companyId()) >= accountProperties.maxPerCompany()) {
				throw new ApiException(ErrorCode.TOO_MANY_ACCOUNTS,
						"The company has as many administrators as it may have: ask it to remove one first.");
			}
			AccountView created = accounts.insert(invitation.companyId(), invitation.email(), hash)
				.orElseThrow(() -> new ApiException(ErrorCode.USERNAME_TAKEN,
						"An account with this address exists already: sign in with it, or ask its company to "
								+ "remove it first."));
			invitations.accepted(invitation.invitationId());
			audit.record(Caller.account(created.accountId(), invitation.companyId()), invitation.companyId(),
					"ACCOUNT_CREATED", "account " + created.accountId(), null, Map.of("username", invitation.email(),
							"kind", "admin", "invitation", invitation.invitationId().toString()));
		});
	}

	/** What the inviter is told, whoever the address belongs to. */
	record Sent(String email, String status) {
	}

	/** Whom a link invites, and to which company. */
	record Invited(String email, long companyId, String companyName) {
	}

	/** An invitation as its company sees it. */
	record InvitationView(UUID invitationId, String email, String state, String emailStatus, Instant createdAt,
			Instant expiresAt) {

		static InvitationView of(Invitation invitation, Instant now) {
			return new InvitationView(invitation.invitationId(), invitation.email(), invitation.state(now),
					invitation.emailStatus(), invitation.createdAt(), invitation.expiresAt());
		}

	}

}
