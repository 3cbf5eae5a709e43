package io.domainpush.core.delivery;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a failed delivery is attempted again, like an MTA's queue: a failure worth trying
 * again waits a back-off that doubles from {@code initialBackOff} up to
 * {@code maxBackOff}, until {@code window} has passed since the delivery was queued; the
 * last attempt comes when the window ends, not after it. A refusal ends it at once.
 */
public record RetryPolicy(Duration window, Duration initialBackOff, Duration maxBackOff) {

	private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

	/** The wait after {@code attempts} failed attempts. */
	public Duration backOffAfter(int attempts) {
		Duration wait = initialBackOff;
		for (int i = 1; i < attempts && wait.compareTo(maxBackOff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
	}

	/** The outcome to record for {@code attempt} at {@code item}, in {@code statuses}. */
	public Outcome outcome(Queued item, Attempt attempt, Statuses statuses, Instant now) {
		return switch (attempt.result()) {
			case SENT -> new Outcome(item.deliveryId(), statuses.sent(), true, null, attempt.code(), null);
			case SKIPPED -> new Outcome(item.deliveryId(), statuses.skipped(), false, null, null, null);
			case REFUSED -> failedForGood(item, attempt, attempt.error(), statuses);
			case FAILED -> afterFailure(item, attempt, statuses, now);
		};
	}

	private Outcome afterFailure(Queued item, Attempt attempt, Statuses statuses, Instant now) {
		Instant windowEnd = item.queuedAt().plus(window);
		if (!now.isBefore(windowEnd)) {
			return failedForGood(item, attempt, attempt.error() + " (gave up after retrying for " + window + ")",
					statuses);
		}
		Duration wait = backOffAfter(item.attempts());
		if (now.plus(wait).isAfter(windowEnd)) {
			wait = Duration.between(now, windowEnd);
		}
		log.info("{} failed (attempt {}), next attempt in {}: {}", item.description(), item.attempts(), wait,
				attempt.error());
		return new Outcome(item.deliveryId(), Statuses.PENDING, false, attempt.error(), attempt.code(), wait);
	}

	private static Outcome failedForGood(Queued item, Attempt attempt, String error, Statuses statuses) {
		log.warn("{} failed for good after {} attempt(s): {}", item.description(), item.attempts(), error);
		return new Outcome(item.deliveryId(), statuses.failed(), false, error, attempt.code(), null);
	}

}
