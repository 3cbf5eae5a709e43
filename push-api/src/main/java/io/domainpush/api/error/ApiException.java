package io.domainpush.api.error;

import java.net.URI;
import java.time.Instant;

import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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

	/**
	 * The status the refusal is answered with: the body's, which {@link #unprocessable}
	 * may set apart from the code's usual one, so pages and the API agree.
	 */
	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatusCode.valueOf(getBody().getStatus());
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
	 * The request is understood but its content cannot be honoured: 422 whatever the
	 * code's usual status.
	 */
	public static ApiException unprocessable(ErrorCode code, String detail) {
		ApiException refusal = new ApiException(code, detail);
		refusal.getBody().setStatus(422);
		return refusal;
	}

	/**
	 * A push refused by its rules (DESIGN §5): 422 for R2–R4 (a gaining company named in
	 * a body that does not exist included), 409 when another push of the domain is open
	 * or the domain is on hold.
	 */
	public static ApiException refused(PushProblem problem) {
		return refused(problem, problem.detail(), null);
	}

	/**
	 * The refusal of a push of this domain: a hold says until when, in its detail and as
	 * {@code held_until}.
	 */
	public static ApiException refused(PushProblem problem, PushFacts facts) {
		return refused(problem, problem.detail(facts),
				problem == PushProblem.DOMAIN_ON_HOLD ? facts.heldUntil() : null);
	}

	private static ApiException refused(PushProblem problem, String detail, Instant heldUntil) {
		ErrorCode code = ErrorCode.valueOf(problem.name());
		ApiException refusal = code.status() == HttpStatus.CONFLICT ? new ApiException(code, detail)
				: unprocessable(code, detail);
		if (heldUntil != null) {
			refusal.getBody().setProperty("held_until", heldUntil.toString());
		}
		return refusal;
	}

	public static ApiException invalid(String detail) {
		return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
	}

}
