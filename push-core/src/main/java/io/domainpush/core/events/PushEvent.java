package io.domainpush.core.events;

import java.util.UUID;

/**
 * A message on a Domain Push topic. On the wire every value also carries its {@code type}
 * and schema {@code version} ({@link EventCodec} writes and checks them), so a consumer
 * can refuse what it does not understand instead of guessing.
 */
public sealed interface PushEvent permits PushEvent.AboutPush, BatchFinished {

	UUID eventId();

	/**
	 * The Kafka record key: what must stay in order (a domain's events, a batch's end).
	 */
	String recordKey();

	/** An event about one push, keyed by its domain name. */
	sealed interface AboutPush extends PushEvent
			permits PushRequested, PushCompleted, PushRejected, PushCancelled, PushStatusChanged {

		UUID pushId();

		String domain();

		@Override
		default String recordKey() {
			return domain();
		}

	}

}
