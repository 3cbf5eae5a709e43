package io.domainpush.api.account;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.console.ConsoleController;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A company's administrators (the operator and the company's own admins add and remove
 * them), and changing one's own password.
 */
@ConsoleController
class AccountPages {

	private final AccountService accounts;

	private final ApiLimits limits;

	AccountPages(AccountService accounts, ApiLimits limits) {
		this.accounts = accounts;
		this.limits = limits;
	}

	@GetMapping("/console/companies/{companyId}/admins")
	String admins(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			Model model) {
		model.addAttribute("companyId", companyId);
		model.addAttribute("admins",
				accounts.admins(caller, companyId, PageRequest.of(page, PageRequest.DEFAULT_SIZE, limits)));
		return "console/account/admins";
	}

	@PostMapping("/console/companies/{companyId}/admins")
	String createAdmin(Caller caller, @PathVariable long companyId, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		try {
			AccountView created = accounts.createAdmin(caller, companyId, username, password);
			flash.addFlashAttribute("notice", "Administrator " + created.username() + " can sign in now.");
			return "redirect:/console/companies/" + companyId + "/admins";
		}
		catch (ApiException refused) {
			if (refused.getStatusCode().value() == 404) {
				throw refused;
			}
			response.setStatus(422);
			model.addAttribute("problems", List.of(refused.getBody().getDetail()));
			model.addAttribute("username", username);
			return admins(caller, companyId, null, model);
		}
	}

	@PostMapping("/console/companies/{companyId}/admins/{adminId}/delete")
	String deleteAdmin(Caller caller, @PathVariable long companyId, @PathVariable UUID adminId,
			RedirectAttributes flash) {
		accounts.deleteAdmin(caller, companyId, adminId);
		flash.addFlashAttribute("notice", "The administrator was removed; their sessions have ended.");
		return "redirect:/console/companies/" + companyId + "/admins";
	}

	@GetMapping("/console/account/password")
	String password() {
		return "console/account/password";
	}

	@PostMapping("/console/account/password")
	String changePassword(Caller caller, @RequestParam(name = "current_password", defaultValue = "") String current,
			@RequestParam(name = "new_password", defaultValue = "") String next,
			@RequestParam(name = "repeat_password", defaultValue = "") String repeat, HttpSession session, Model model,
			RedirectAttributes flash, HttpServletResponse response) {
		try {
			if (!next.equals(repeat)) {
				throw new ApiException(ErrorCode.PASSWORD_REJECTED, "The new password and its repetition differ.");
			}
			accounts.changeOwnPassword(caller, current, next, session.getId());
			flash.addFlashAttribute("notice", "Password changed. Your other sessions have ended.");
			return "redirect:/console/account/password";
		}
		catch (ApiException refused) {
			response.setStatus(422);
			model.addAttribute("problems", List.of(refused.getBody().getDetail()));
			return "console/account/password";
		}
	}

}
