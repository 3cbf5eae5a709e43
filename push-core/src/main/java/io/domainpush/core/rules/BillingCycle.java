package io.domainpush.core.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * R8: the gaining company pays from the start of the next full billing cycle after the
 * push completed; the losing company pays until the current cycle ends. Cycles are
 * calendar months in {@code zone}.
 */
public final class BillingCycle {

	private final ZoneId zone;

	public BillingCycle(ZoneId zone) {
		this.zone = zone;
	}

	/**
	 * First day of the cycle after the one containing {@code instant}: where the gaining
	 * company starts.
	 */
	public LocalDate nextCycleStart(Instant instant) {
		return instant.atZone(zone).toLocalDate().with(TemporalAdjusters.firstDayOfNextMonth());
	}

	/**
	 * First day of the cycle containing {@code instant}: where a newly provisioned domain
	 * starts.
	 */
	public LocalDate currentCycleStart(Instant instant) {
		return instant.atZone(zone).toLocalDate().withDayOfMonth(1);
	}

}
