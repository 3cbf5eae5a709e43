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
	 * Where the gaining company starts paying for a push completed at
	 * {@code completedAt}: the next cycle (R8). A push scheduled for a time
	 * ({@code notBefore}, null: none) counts as made just before that time, however late
	 * it was applied: one scheduled for a cycle's first instant is billed from that
	 * cycle, and the losing company pays up to it (DESIGN §5).
	 */
	public LocalDate billedFrom(Instant completedAt, Instant notBefore) {
		Instant madeAt = notBefore == null || notBefore.isAfter(completedAt) ? completedAt : notBefore.minusNanos(1);
		return nextCycleStart(madeAt);
	}

	/**
	 * The first instant of the cycle after the one containing {@code instant}: when a
	 * push planned for the next billing cycle goes ahead.
	 */
	public Instant nextCycleBoundary(Instant instant) {
		return nextCycleStart(instant).atStartOfDay(zone).toInstant();
	}

	/**
	 * First day of the cycle containing {@code instant}: where a newly provisioned domain
	 * starts.
	 */
	public LocalDate currentCycleStart(Instant instant) {
		return instant.atZone(zone).toLocalDate().withDayOfMonth(1);
	}

}
