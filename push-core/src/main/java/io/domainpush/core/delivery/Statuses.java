package io.domainpush.core.delivery;

/**
 * A kind's names for how a delivery ends. Every kind waits as {@link #PENDING}, the one
 * status the queue itself knows.
 */
public record Statuses(String sent, String skipped, String failed) {

	public static final String PENDING = "PENDING";

}
