package io.domainpush.api.console;

import io.domainpush.api.security.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The console's entry points: the root URL, the sign-in page, the page after signing in
 * (a company's settings, as the article starts; the companies for an operator), and the
 * same "not found" page for any other path.
 */
@ConsoleController
class ConsoleHome {

	@GetMapping("/")
	String root() {
		return "redirect:/console/";
	}

	@GetMapping("/console/")
	String home(@ModelAttribute("me") ConsoleUser me) {
		return me.isOperator() ? "redirect:/console/companies" : "redirect:/console/companies/" + me.companyId();
	}

	@GetMapping("/console/sign-in")
	String signIn() {
		return "console/sign-in";
	}

	@RequestMapping("/console/**")
	String notFound(Model model, HttpServletResponse response) {
		return ConsoleAdvice.error(model, response, HttpStatus.NOT_FOUND, "Not found",
				"There is nothing here, or it is not yours to see.");
	}

}
