package io.domainpush.core.events;

import java.util.UUID;

/**
 * A message on a Domain Push topic. Every value carries its {@code type} and schema
 * {@code version} so a consumer can refuse what it does not understand instead of
 * guessing.
 */
public sealed interface PushEvent permits PushRequested, PushCompleted, PushRejected {

	String type();

	int version();

	UUID eventId();

	UUID pushId();

	String domain();

}
