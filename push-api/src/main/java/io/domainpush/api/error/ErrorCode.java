package io.domainpush.api.error;

import org.springframework.http.HttpStatus;

/** Machine-readable {@code code} of every problem+json answer (DESIGN §5). */
public enum ErrorCode {

	VALIDATION_FAILED(HttpStatus.BAD_REQUEST), UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
	FORBIDDEN(HttpStatus.FORBIDDEN), NOT_FOUND(HttpStatus.NOT_FOUND), DOMAIN_NOT_FOUND(HttpStatus.NOT_FOUND),
	COMPANY_NOT_FOUND(HttpStatus.NOT_FOUND), BRAND_NOT_FOUND(HttpStatus.NOT_FOUND),
	PUSH_NOT_FOUND(HttpStatus.NOT_FOUND), TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED), NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
	REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT), NOT_DOMAIN_OWNER(HttpStatus.UNPROCESSABLE_CONTENT),
	SAME_COMPANY(HttpStatus.UNPROCESSABLE_CONTENT), CLUSTER_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT),
	PUSH_NOT_ALLOWED(HttpStatus.UNPROCESSABLE_CONTENT), PUSH_IN_PROGRESS(HttpStatus.CONFLICT),
	IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT), PUSH_NOT_CANCELLABLE(HttpStatus.CONFLICT),
	BRAND_NOT_EDITABLE(HttpStatus.CONFLICT), NOTIFICATION_NOT_RESENDABLE(HttpStatus.CONFLICT),
	TOO_MANY_TOKENS(HttpStatus.CONFLICT), TOO_MANY_BATCHES(HttpStatus.CONFLICT),
	TOO_MANY_REJECTIONS(HttpStatus.UNPROCESSABLE_CONTENT), DOMAIN_EXISTS(HttpStatus.CONFLICT),
	COMPANY_NOT_EMPTY(HttpStatus.CONFLICT), PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE), RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR), SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

	private final HttpStatus status;

	ErrorCode(HttpStatus status) {
		this.status = status;
	}

	public HttpStatus status() {
		return status;
	}

	/**
	 * The code a plain HTTP status maps to when Spring MVC itself refused the request.
	 */
	static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> VALIDATION_FAILED;
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 408 -> REQUEST_TIMEOUT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> RATE_LIMITED;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
		};
	}

}
