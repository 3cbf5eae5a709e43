package io.domainpush.api.error;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into problem+json with a {@code code}. Bodies never carry class
 * names, SQL or stack traces; unexpected failures are logged here and answered with a
 * generic 500.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(ApiException.problem(ErrorCode.VALIDATION_FAILED,
				"Parameter '" + ex.getName() + "' has an invalid value."));
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessException.class })
	ResponseEntity<Object> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.toString());
		ProblemDetail problem = ApiException.problem(ErrorCode.SERVICE_UNAVAILABLE,
				"The service cannot store requests right now; nothing was changed. Retry later.");
		return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return respond(ApiException.problem(ErrorCode.INTERNAL_ERROR, "Unexpected error."));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ProblemHandler::fieldError)
			.toList();
		ProblemDetail problem = ApiException.problem(ErrorCode.VALIDATION_FAILED, "The request body is invalid.");
		problem.setProperty("errors", errors);
		return respond(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(ApiException.problem(ErrorCode.VALIDATION_FAILED, "A request parameter is invalid."));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (ex instanceof ApiException api) {
			return respond(api.getBody());
		}
		ErrorCode code = ErrorCode.forStatus(statusCode.value());
		String missing = missingField(ex);
		String detail = switch (code) {
			case VALIDATION_FAILED -> missing != null ? "'" + missing + "' is required (null where it may be empty)."
					: "The request could not be read: check the JSON, field names and types.";
			case NOT_FOUND -> "No such resource.";
			default -> body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : code.name();
		};
		ProblemDetail problem = ApiException.problem(code, detail);
		problem.setStatus(statusCode.value());
		return ResponseEntity.status(statusCode).headers(headers).body(problem);
	}

	/**
	 * The required field a request body left out, when that is why it could not be read.
	 */
	private static String missingField(Exception ex) {
		String message = ex instanceof HttpMessageNotReadableException unreadable
				&& unreadable.getMostSpecificCause().getMessage() != null
						? unreadable.getMostSpecificCause().getMessage() : "";
		java.util.regex.Matcher field = MISSING.matcher(message);
		return field.find() ? field.group(1) : null;
	}

	private static final java.util.regex.Pattern MISSING = java.util.regex.Pattern
		.compile("^Missing required creator property '([a-z_]{1,64})'");

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> api(ApiException ex) {
		return respond(ex.getBody());
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	private static Map<String, String> fieldError(FieldError error) {
		return Map.of("field", error.getField().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(), "message",
				error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage());
	}

}
