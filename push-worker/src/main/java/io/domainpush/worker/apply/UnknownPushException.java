package io.domainpush.worker.apply;

import java.util.UUID;

import io.domainpush.core.events.UnsupportedEventException;

/**
 * A request names a push that was never stored: nothing can be applied, so it is
 * dead-lettered.
 */
class UnknownPushException extends UnsupportedEventException {

	UnknownPushException(UUID pushId) {
		super("no push " + pushId + " is stored");
	}

}
