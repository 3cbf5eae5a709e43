package io.domainpush.api.shell;

import io.domainpush.api.common.ConsoleController;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.security.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page has: the signed-in person ({@code me}) for the navigation, and
 * error pages in the console's layout. A missing object and another company's answer
 * alike (the same 404 page); no page ever shows a stack trace.
 */
@ControllerAdvice(annotations = ConsoleController.class)
// before the API's problem+json handler, which answers for every controller
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

	private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

	@ModelAttribute("me")
	ConsoleUser me() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof ConsoleUser user ? user : null;
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		int status = ex.getStatusCode().value();
		if (status == HttpStatus.NOT_FOUND.value()) {
			return error(model, response, HttpStatus.NOT_FOUND, "Not found",
					"There is nothing here, or it is not yours to see.");
		}
		if (status == HttpStatus.FORBIDDEN.value()) {
			return error(model, response, HttpStatus.FORBIDDEN, "Not allowed",
					"Your account may not do this. " + ex.getBody().getDetail());
		}
		model.addAttribute("code", ex.code().name());
		return error(model, response, HttpStatus.valueOf(status), "This cannot be done", ex.getBody().getDetail());
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	String malformed(Exception ex, Model model, HttpServletResponse response) {
		return error(model, response, HttpStatus.NOT_FOUND, "Not found",
				"There is nothing here, or it is not yours to see.");
	}

	@ExceptionHandler(Exception.class)
	String unexpected(Exception ex, Model model, HttpServletResponse response) {
		log.error("Console page failed", ex);
		return error(model, response, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
				"The page could not be shown. Try again in a moment; if it keeps happening, tell your operator.");
	}

	static String error(Model model, HttpServletResponse response, HttpStatus status, String title, String message) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("title", title);
		model.addAttribute("message", message);
		model.addAttribute("me", new ConsoleAdvice().me());
		return "console/error";
	}

}
