package io.domainpush.core.delivery;

/**
 * How one attempt at one delivery went, as the kind that made it tells: accepted, nothing
 * to send, refused for good, or a failure worth trying again.
 *
 * @param code the SMTP reply or HTTP status, if one came
 * @param holdsLane whether the deliveries after this one in its lane wait as long as this
 * one does (a failing webhook endpoint)
 */
public record Attempt(Result result, Integer code, String error, boolean holdsLane) {

	public enum Result {

		SENT, SKIPPED, REFUSED, FAILED

	}

	public static Attempt sent(Integer code) {
		return new Attempt(Result.SENT, code, null, false);
	}

	public static Attempt skipped() {
		return new Attempt(Result.SKIPPED, null, null, false);
	}

	/** Refused for good: a 5xx reply, an address that cannot be used, a 410. */
	public static Attempt refused(Integer code, String error) {
		return new Attempt(Result.REFUSED, code, error, false);
	}

	/** Worth trying again: a 4xx reply, no answer, a broken connection. */
	public static Attempt failed(Integer code, String error) {
		return new Attempt(Result.FAILED, code, error, false);
	}

	/** The same attempt; the rest of its lane waits as long as it does. */
	public Attempt holdingLane() {
		return new Attempt(result, code, error, true);
	}

}
