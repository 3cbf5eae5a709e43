package io.domainpush.api.push;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import io.domainpush.api.error.ApiException;
import io.domainpush.core.push.PushPlan;
import io.domainpush.core.rules.BillingCycle;

import org.springframework.stereotype.Component;

/**
 * When and whether submitted pushes go ahead, from what the request asked (a time, or the
 * next billing cycle, or neither: now) and whether the gaining company approves each
 * push. One home for the REST API's single pushes and batches and the console's forms.
 */
@Component
public class PushPlans {

	/** The value of {@code at} that plans a push for the next billing cycle. */
	public static final String NEXT_BILLING_CYCLE = "next_billing_cycle";

	private final WaitingProperties properties;

	private final BillingCycle billing;

	PushPlans(WaitingProperties properties, BillingCycle billing) {
		this.properties = properties;
		this.billing = billing;
	}

	/**
	 * @param notBefore a time with its offset, or null
	 * @param at {@value #NEXT_BILLING_CYCLE}, or null
	 * @throws ApiException VALIDATION_FAILED for both, another {@code at}, a time in the
	 * past or too far ahead
	 */
	public PushPlan plan(Instant now, OffsetDateTime notBefore, String at, boolean gainingApproves) {
		Instant deadline = gainingApproves ? now.plus(properties.approvalExpiresAfter()) : null;
		return new PushPlan(notBefore(now, notBefore, at), deadline);
	}

	private Instant notBefore(Instant now, OffsetDateTime notBefore, String at) {
		if (at != null) {
			if (notBefore != null) {
				throw ApiException.invalid("Give either not_before or at, not both.");
			}
			if (!NEXT_BILLING_CYCLE.equals(at)) {
				throw ApiException.invalid("at may only be \"" + NEXT_BILLING_CYCLE + "\".");
			}
			return billing.nextCycleBoundary(now);
		}
		if (notBefore == null) {
			return null;
		}
		Instant time = notBefore.toInstant().truncatedTo(ChronoUnit.MICROS);
		if (time.isBefore(now.minus(properties.scheduleGrace()))) {
			throw ApiException.invalid("not_before (" + time + ") is in the past.");
		}
		if (time.isAfter(now.plus(properties.scheduleMaxAhead()))) {
			throw ApiException.invalid("not_before may be at most " + properties.scheduleMaxAhead().toDays()
					+ " days ahead (" + now.plus(properties.scheduleMaxAhead()).truncatedTo(ChronoUnit.SECONDS) + ").");
		}
		// a time within the grace is "now": the push is accepted at once
		return time.isAfter(now) ? time : null;
	}

}
