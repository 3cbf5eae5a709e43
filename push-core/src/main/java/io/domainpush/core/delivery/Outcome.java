package io.domainpush.core.delivery;

import java.time.Duration;
import java.util.UUID;

/**
 * What one attempt did to a delivery, as recorded.
 *
 * @param status the kind's status name: PENDING to be attempted again, or a final one
 * @param sent whether the receiver accepted it (sets {@code sent_at})
 * @param code the SMTP reply or HTTP status of the attempt, if one came
 * @param retryAfter for PENDING, the wait before the next attempt
 */
public record Outcome(UUID deliveryId, String status, boolean sent, String error, Integer code, Duration retryAfter) {

	public boolean retries() {
		return retryAfter != null;
	}

}
