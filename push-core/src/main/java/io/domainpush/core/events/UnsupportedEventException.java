package io.domainpush.core.events;

/**
 * A record this code cannot understand: unknown type or version, or malformed. Never
 * retried.
 */
public class UnsupportedEventException extends RuntimeException {

	public UnsupportedEventException(String message) {
		super(message);
	}

	public UnsupportedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
