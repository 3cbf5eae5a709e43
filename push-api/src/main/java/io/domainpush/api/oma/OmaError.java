package io.domainpush.api.oma;

import io.domainpush.api.error.ApiException;
import io.domainpush.core.rules.PushProblem;

/**
 * OMA's error numbers with their documented texts; {@code error} in an answer is the text
 * followed by what exactly was wrong.
 */
enum OmaError {

	SERVER_ERROR(0, "Server error."),

	INVALID_CREDENTIALS(1, "Invalid credentials supplied in request."),

	NO_SUCH_OBJECT(2, "The requested object does not exist."),

	PERMISSION_DENIED(4, "Requestor lacks permission to change one or more of the requested attributes."),

	BAD_REQUEST(5, "Request badly formatted (missing required field, or field is not the correct data type)."),

	BAD_ATTRIBUTES(6, "One or more attributes badly formatted."),

	ALREADY_EXISTS(7, "An object with this name already exists."),

	// Domain Push's own numbers, above OMA's documented ones (docs/api.md)

	AWAITING_APPROVAL(100, "The push is waiting for the gaining company's approval."),

	SCHEDULED(101, "The push is scheduled for later."),

	ON_HOLD(102, "The domain is on hold after a push and cannot be pushed again yet.");

	private final int number;

	private final String text;

	OmaError(int number, String text) {
		this.number = number;
		this.text = text;
	}

	int number() {
		return number;
	}

	String text() {
		return text;
	}

	/**
	 * How a refusal of the REST API reads in OMA: missing (or another company's) objects
	 * are number 2, rules of the push that the caller's request breaks (the gaining
	 * company does not allow it, another cluster, the same company) number 4, malformed
	 * values 5 or 6 (as the caller's {@code attributes} or not), a queued push 7, a rate
	 * limit 0.
	 */
	static OmaError of(ApiException refusal, boolean inAttributes) {
		return switch (refusal.code()) {
			case DOMAIN_NOT_FOUND, COMPANY_NOT_FOUND, PUSH_NOT_FOUND, NOT_FOUND, NOT_DOMAIN_OWNER -> {
				// an unknown company inside the attributes is a bad attribute value, not
				// a
				// missing target
				yield inAttributes && refusal.getBody().getStatus() == 422 ? BAD_ATTRIBUTES : NO_SUCH_OBJECT;
			}
			case PUSH_NOT_ALLOWED, CLUSTER_MISMATCH, SAME_COMPANY, FORBIDDEN -> PERMISSION_DENIED;
			case VALIDATION_FAILED -> inAttributes ? BAD_ATTRIBUTES : BAD_REQUEST;
			case PUSH_IN_PROGRESS, DOMAIN_EXISTS -> ALREADY_EXISTS;
			case DOMAIN_ON_HOLD -> ON_HOLD;
			case UNAUTHENTICATED -> INVALID_CREDENTIALS;
			default -> SERVER_ERROR;
		};
	}

	/** Why the worker rejected a push, as OMA reads it (the same grouping as above). */
	static OmaError of(PushProblem reason) {
		return switch (reason) {
			case DOMAIN_NOT_FOUND, COMPANY_NOT_FOUND, NOT_DOMAIN_OWNER -> NO_SUCH_OBJECT;
			case PUSH_NOT_ALLOWED, CLUSTER_MISMATCH, SAME_COMPANY -> PERMISSION_DENIED;
			case PUSH_IN_PROGRESS -> ALREADY_EXISTS;
			case DOMAIN_ON_HOLD -> ON_HOLD;
			case COUNTS_CHANGED -> SERVER_ERROR;
		};
	}

}
