package io.domainpush.core.events;

/** Every Kafka topic of the system, in one place (DESIGN §3, Kafka). */
public final class Topics {

	/**
	 * {@link PushRequested}, keyed by domain name; produced by push-api, consumed by
	 * push-worker.
	 */
	public static final String REQUESTS = "domain-push.requests";

	/**
	 * {@link PushCompleted}, {@link PushRejected} and {@link PushCancelled}, keyed by
	 * domain name, and {@link BatchFinished}, keyed by batch id; consumed by the
	 * notifier's email and webhook consumer groups.
	 */
	public static final String EVENTS = "domain-push.events";

	/** Suffix of the dead-letter topic of each source topic. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	public static final String REQUESTS_DLT = REQUESTS + DEAD_LETTER_SUFFIX;

	public static final String EVENTS_DLT = EVENTS + DEAD_LETTER_SUFFIX;

	/** Consumer groups, also listed by the lag endpoint. */
	public static final String WORKER_GROUP = "push-worker";

	public static final String NOTIFIER_GROUP = "notifier";

	/** The notifier's second consumer group on {@link #EVENTS}: webhook deliveries. */
	public static final String WEBHOOK_GROUP = "notifier-webhooks";

	private Topics() {
	}

}
