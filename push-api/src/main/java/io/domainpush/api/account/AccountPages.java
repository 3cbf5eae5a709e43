package io.domainpush.api.account;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.common.Waits;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A company's administrators (its admins invite and remove them; the operator may also
 * make one with a password), accepting an invitation (no account yet: the link is the
 * proof), and changing one's own password.
 */
@ConsoleController
class AccountPages {

	static final String ACCEPT = "/console/invitations/accept";

	private final AccountService accounts;

	private final InvitationService invitations;

	private final ApiLimits limits;

	AccountPages(AccountService accounts, InvitationService invitations, ApiLimits limits) {
		this.accounts = accounts;
		this.invitations = invitations;
		this.limits = limits;
	}

	@GetMapping("/console/companies/{companyId}/admins")
	String admins(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			@RequestParam(name = "invitations-page", required = false) Integer invitationsPage, Model model) {
		model.addAttribute("companyId", companyId);
		model.addAttribute("admins",
				accounts.admins(caller, companyId, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		model.addAttribute("invitations",
				invitations.list(caller, companyId, PageRequest.of(invitationsPage, PageRequest.DEFAULT_SIZE, limits)));
		model.addAttribute("invitationLifetime", Waits.readable(invitations.lifetime()));
		if (!model.containsAttribute("invitation")) {
			model.addAttribute("invitation", new AdminForms.Invitation());
		}
		if (!model.containsAttribute("newAdmin")) {
			model.addAttribute("newAdmin", new AdminForms.NewAdmin());
		}
		return "console/account/admins";
	}

	@PostMapping("/console/companies/{companyId}/invitations")
	String invite(Caller caller, @PathVariable long companyId, @ModelAttribute("invitation") AdminForms.Invitation form,
			BindingResult errors, Model model, RedirectAttributes flash, HttpServletResponse response) {
		try {
			InvitationService.Sent sent = invitations.invite(caller, companyId, form.getEmail());
			flash.addFlashAttribute("notice", "Invitation sent to " + sent.email() + ".");
			return "redirect:/console/companies/" + companyId + "/admins";
		}
		catch (ApiException refused) {
			return adminsRefusing(refused, errors, "email", caller, companyId, model, response);
		}
	}

	@PostMapping("/console/companies/{companyId}/invitations/{invitationId}/revoke")
	String revoke(Caller caller, @PathVariable long companyId, @PathVariable UUID invitationId,
			RedirectAttributes flash) {
		invitations.revoke(caller, companyId, invitationId);
		flash.addFlashAttribute("notice", "The invitation was revoked: its link no longer works.");
		return "redirect:/console/companies/" + companyId + "/admins";
	}

	/** The invitee's page: who invites them where, and their new password. */
	@GetMapping(ACCEPT)
	String invitation(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		model.addAttribute("password", new PasswordForm());
		return invitations.invited(token).map(invited -> {
			model.addAttribute("invited", invited);
			model.addAttribute("token", token);
			return "console/account/accept";
		}).orElseGet(() -> {
			response.setStatus(404);
			return "console/account/accept";
		});
	}

	@PostMapping(ACCEPT)
	String accept(@RequestParam(defaultValue = "") String token, @ModelAttribute("password") PasswordForm form,
			BindingResult errors, Model model, HttpServletResponse response) {
		if (form.repeated(errors)) {
			try {
				invitations.accept(token, form.getNewPassword());
				return "redirect:/console/sign-in?invited";
			}
			catch (ApiException refused) {
				response.setStatus(refused.getStatusCode().value() == 404 ? 404 : Forms.UNPROCESSABLE);
				Forms.refused(refused, errors, "newPassword");
			}
		}
		else {
			response.setStatus(Forms.UNPROCESSABLE);
		}
		invitations.invited(token).ifPresent(invited -> {
			model.addAttribute("invited", invited);
			model.addAttribute("token", token);
		});
		return "console/account/accept";
	}

	@PostMapping("/console/companies/{companyId}/admins")
	String createAdmin(Caller caller, @PathVariable long companyId,
			@ModelAttribute("newAdmin") AdminForms.NewAdmin form, BindingResult errors, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		try {
			AccountView created = accounts.createAdmin(caller, companyId, form.getUsername(), form.getPassword());
			flash.addFlashAttribute("notice", "Administrator " + created.username() + " can sign in now.");
			return "redirect:/console/companies/" + companyId + "/admins";
		}
		catch (ApiException refused) {
			return adminsRefusing(refused, errors, null, caller, companyId, model, response);
		}
	}

	/**
	 * The administrators page again with the refusal said on a field of the form (or
	 * above it); a company the caller cannot see stays a 404.
	 */
	private String adminsRefusing(ApiException refused, BindingResult errors, String field, Caller caller,
			long companyId, Model model, HttpServletResponse response) {
		if (refused.getStatusCode().value() == 404) {
			throw refused;
		}
		if (field != null && refused.code() == ErrorCode.VALIDATION_FAILED) {
			Forms.refused(refused, errors, field);
		}
		else {
			Forms.refused(refused, errors);
		}
		return Forms.again(admins(caller, companyId, null, null, model), response);
	}

	@PostMapping("/console/companies/{companyId}/admins/{adminId}/delete")
	String deleteAdmin(Caller caller, @PathVariable long companyId, @PathVariable UUID adminId,
			RedirectAttributes flash) {
		accounts.deleteAdmin(caller, companyId, adminId);
		flash.addFlashAttribute("notice", "The administrator was removed; their sessions have ended.");
		return "redirect:/console/companies/" + companyId + "/admins";
	}

	@GetMapping("/console/account/password")
	String password(Model model) {
		if (!model.containsAttribute("password")) {
			model.addAttribute("password", new PasswordForm());
		}
		return "console/account/password";
	}

	@PostMapping("/console/account/password")
	String changePassword(Caller caller, @ModelAttribute("password") PasswordForm form, BindingResult errors,
			HttpServletRequest request, Model model, RedirectAttributes flash, HttpServletResponse response) {
		if (form.repeated(errors)) {
			try {
				accounts.changeOwnPassword(caller, form.getCurrentPassword(), form.getNewPassword(),
						request.getSession().getId(), request.getRemoteAddr());
				// whoever knew this session's id before the change does not know it now
				request.changeSessionId();
				flash.addFlashAttribute("notice", "Password changed. Your other sessions have ended.");
				return "redirect:/console/account/password";
			}
			catch (ApiException refused) {
				Forms.refused(refused, errors);
			}
		}
		return Forms.again(password(model), response);
	}

}
