package io.domainpush.core.notification;

import java.time.Instant;
import java.util.UUID;

import io.domainpush.core.delivery.Queued;

/**
 * A batch's digest claimed for an attempt, with the facts its email states (its lines are
 * read separately: {@link Digests#lines}).
 *
 * @param companyId the company told: the batch's gaining company, or one of the losing
 * companies of its completed pushes
 * @param attempts attempts so far, this one included
 * @param queuedAt when the current delivery window began (the batch's end)
 * @param refusedUpFront lines of the batch refused when it was submitted
 */
public record DueDigest(UUID deliveryId, UUID batchId, NotificationAudience audience, long companyId,
		String companyName, String recipient, String messageId, int attempts, Instant queuedAt, long gainingCompanyId,
		String gainingCompanyName, int total, int refusedUpFront, Instant submittedAt,
		Instant finishedAt) implements Queued {

	@Override
	public String description() {
		return "Digest of batch " + batchId + " for company " + companyId;
	}

}
