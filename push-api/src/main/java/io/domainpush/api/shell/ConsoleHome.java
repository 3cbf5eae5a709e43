package io.domainpush.api.shell;

import io.domainpush.api.common.ConsoleController;

import java.time.Duration;

import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.common.Waits;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

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

	/** The sign-in page; after too many failures it says how long to wait. */
	@GetMapping("/console/sign-in")
	String signIn(@RequestParam(name = "later", required = false) String later, Model model) {
		if (later != null) {
			long seconds = later.matches("[0-9]{1,6}") ? Long.parseLong(later) : 60;
			model.addAttribute("retryIn", Waits.readable(Duration.ofSeconds(seconds)));
		}
		return "console/sign-in";
	}

	@RequestMapping("/console/**")
	String notFound(Model model, HttpServletResponse response) {
		return ConsoleAdvice.error(model, response, HttpStatus.NOT_FOUND, "Not found",
				"There is nothing here, or it is not yours to see.");
	}

}
