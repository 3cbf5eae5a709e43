package io.domainpush.core.invitation;

import java.time.Instant;
import java.util.UUID;

import io.domainpush.core.delivery.Queued;

/**
 * An invitation's email claimed for an attempt.
 *
 * @param sealedToken the link's token, sealed; null once it is not to be sent any more
 */
public record DueInvitation(UUID deliveryId, long companyId, String companyName, String email, byte[] sealedToken,
		int attempts, Instant queuedAt, Instant expiresAt) implements Queued {

	@Override
	public String description() {
		return "Invitation " + deliveryId;
	}

}
