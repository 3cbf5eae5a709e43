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
 * answers as every other refusal does: problem+json with a code. Asked for directly,
 * {@code /error} is a resource that does not exist (404), not a 500 with status 999.
 */
@RestController
class ErrorEndpoint implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
		ErrorCode code = ErrorCode.forStatus(status);
		ProblemDetail problem = ApiException.problem(code, status == 404 ? "No such resource." : code.name());
		problem.setStatus(status);
		return ResponseEntity.status(status).body(problem);
	}

}
