package io.domainpush.core.delivery;

import java.time.Instant;
import java.util.UUID;

/** A delivery of any kind as the queue sees it once claimed. */
public interface Queued {

	UUID deliveryId();

	/** Attempts so far, this one included. */
	int attempts();

	/** When the current retry window began. */
	Instant queuedAt();

	/** What it is, for a log line: "Notification of push ...". */
	String description();

	/**
	 * The traceparent of the span that made it due: its attempts continue that trace
	 * (null: each attempt starts one).
	 */
	default String traceParent() {
		return null;
	}

}
