package io.domainpush.api.security;

import java.io.IOException;

import io.domainpush.api.account.AccountRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On every console request of a signed-in person: the account must still exist (an
 * account deleted, or its company deleted, ends its sessions at once, even one another
 * instance is serving), and the person stays within the per-account request rate (429
 * beyond, as the API's tokens).
 */
class ConsoleAccountFilter extends OncePerRequestFilter {

	private final AccountRepository accounts;

	private final AccountRequestLimit perAccount;

	ConsoleAccountFilter(AccountRepository accounts, AccountRequestLimit perAccount) {
		this.accounts = accounts;
		this.perAccount = perAccount;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
			if (!accounts.isActive(user.accountId())) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				response.sendRedirect(request.getContextPath() + ConsoleSecurityConfiguration.SIGN_IN + "?ended");
				return;
			}
			long wait = perAccount.tryAcquire(user.accountId());
			if (wait > 0) {
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				response.setHeader("Retry-After", String.valueOf(wait));
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write("Too many requests: try again in " + wait + " seconds.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
