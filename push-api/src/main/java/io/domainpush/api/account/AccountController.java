package io.domainpush.api.account;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts of people: a company's admins (invited by the company's admins or the
 * operator; the operator may also make one with a password) and the operators (operators
 * only). Passwords go in, never out.
 */
@RestController
class AccountController {

	private final AccountService accounts;

	private final InvitationService invitations;

	private final ApiLimits limits;

	AccountController(AccountService accounts, InvitationService invitations, ApiLimits limits) {
		this.accounts = accounts;
		this.invitations = invitations;
		this.limits = limits;
	}

	/** 202 and the same body whether or not the address has an account anywhere. */
	@PostMapping("/api/v1/companies/{companyId}/invitations")
	ResponseEntity<InvitationService.Sent> invite(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody Invite request) {
		return ResponseEntity.accepted().body(invitations.invite(caller, companyId, request.email()));
	}

	@GetMapping("/api/v1/companies/{companyId}/invitations")
	Page<InvitationService.InvitationView> invitations(Caller caller, @PathVariable long companyId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return invitations.list(caller, companyId, PageRequest.of(page, size, limits));
	}

	@DeleteMapping("/api/v1/companies/{companyId}/invitations/{invitationId}")
	ResponseEntity<Void> revokeInvitation(Caller caller, @PathVariable long companyId,
			@PathVariable UUID invitationId) {
		invitations.revoke(caller, companyId, invitationId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/companies/{companyId}/admins")
	ResponseEntity<Admin> createAdmin(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody NewAccount request) {
		Admin admin = Admin.of(accounts.createAdmin(caller, companyId, request.username(), request.password()));
		return ResponseEntity.created(URI.create("/api/v1/companies/" + companyId + "/admins/" + admin.adminId()))
			.body(admin);
	}

	@GetMapping("/api/v1/companies/{companyId}/admins")
	Page<Admin> admins(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		Page<AccountView> found = accounts.admins(caller, companyId, PageRequest.of(page, size, limits));
		return new Page<>(found.items().stream().map(Admin::of).toList(), found.page(), found.size(), found.hasMore());
	}

	@DeleteMapping("/api/v1/companies/{companyId}/admins/{adminId}")
	ResponseEntity<Void> deleteAdmin(Caller caller, @PathVariable long companyId, @PathVariable UUID adminId) {
		accounts.deleteAdmin(caller, companyId, adminId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/operators")
	ResponseEntity<Operator> createOperator(Caller caller, @Valid @RequestBody NewAccount request) {
		Operator operator = Operator.of(accounts.createOperator(caller, request.username(), request.password()));
		return ResponseEntity.created(URI.create("/api/v1/operators/" + operator.operatorId())).body(operator);
	}

	@GetMapping("/api/v1/operators")
	Page<Operator> operators(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		Page<AccountView> found = accounts.operators(caller, PageRequest.of(page, size, limits));
		return new Page<>(found.items().stream().map(Operator::of).toList(), found.page(), found.size(),
				found.hasMore());
	}

	@DeleteMapping("/api/v1/operators/{operatorId}")
	ResponseEntity<Void> deleteOperator(Caller caller, @PathVariable UUID operatorId) {
		accounts.deleteOperator(caller, operatorId);
		return ResponseEntity.noContent().build();
	}

	record Invite(@NotNull String email) {
	}

	record NewAccount(@NotNull String username, @NotNull String password) {

		@Override
		public String toString() {
			return "NewAccount[username=" + username + ", password=***]";
		}

	}

	record Admin(UUID adminId, long companyId, String username, OffsetDateTime createdAt) {

		static Admin of(AccountView account) {
			return new Admin(account.accountId(), account.companyId(), account.username(), account.createdAt());
		}

	}

	record Operator(UUID operatorId, String username, OffsetDateTime createdAt) {

		static Operator of(AccountView account) {
			return new Operator(account.accountId(), account.username(), account.createdAt());
		}

	}

}
