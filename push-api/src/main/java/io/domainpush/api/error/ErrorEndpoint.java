package io.domainpush.api.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to {@code /error} (an error outside Spring MVC)
 * answers as every other refusal does: problem+json with a code for programs, a page for
 * people ({@link ErrorBodies}). Asked for directly, {@code /error} is a resource that
 * does not exist (404), not a 500 with status 999.
 */
@RestController
class ErrorEndpoint implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<?> error(HttpServletRequest request) {
		int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
		ErrorCode code = ErrorCode.forStatus(status);
		String detail = status == 404 ? "No such resource." : code.name();
		String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri
				: request.getRequestURI();
		ErrorBodies.Audience audience = ErrorBodies.Audience.of(path);
		if (audience != ErrorBodies.Audience.REST) {
			return ResponseEntity.status(status)
				.header(org.springframework.http.HttpHeaders.CONTENT_TYPE, audience.contentType())
				.body(ErrorBodies.body(audience, status, detail));
		}
		ProblemDetail problem = ApiException.problem(code, detail);
		problem.setStatus(status);
		return ResponseEntity.status(status).body(problem);
	}

}
