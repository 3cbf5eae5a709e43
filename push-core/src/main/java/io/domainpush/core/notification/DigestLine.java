package io.domainpush.core.notification;

import io.domainpush.core.push.PushStatus;

/**
 * One push of a batch as its digest lists it.
 *
 * @param otherCompanyName the losing company's name in the gaining company's digest, the
 * gaining company's in a losing company's digest
 * @param usersMoved null unless COMPLETED
 * @param reason null unless REJECTED or FAILED
 */
public record DigestLine(String domain, PushStatus status, Integer usersMoved, String reason, long otherCompanyId,
		String otherCompanyName) {
}
