package io.domainpush.api.error;

import java.net.URI;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refusal with a {@link ErrorCode}; rendered as RFC 9457 problem+json. */
public class ApiException extends ErrorResponseException {

	private final ErrorCode code;

	public ApiException(ErrorCode code, String detail) {
		super(code.status(), problem(code, detail), null);
		this.code = code;
	}

	public ErrorCode code() {
		return code;
	}

	public static ProblemDetail problem(ErrorCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(URI.create("urn:domain-push:problem:" + code.name().toLowerCase().replace('_', '-')));
		problem.setProperty("code", code.name());
		return problem;
	}

	public static ApiException notFound(ErrorCode code, String what) {
		return new ApiException(code, what + " not found.");
	}

	/**
	 * A push refused by its rules (R2–R4): 422 with the rule's code, whatever the code's
	 * usual status.
	 */
	public static ApiException refused(io.domainpush.core.rules.PushProblem problem) {
		ApiException refusal = new ApiException(ErrorCode.valueOf(problem.name()), problem.detail());
		refusal.getBody().setStatus(422);
		return refusal;
	}

	public static ApiException invalid(String detail) {
		return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
	}

}
