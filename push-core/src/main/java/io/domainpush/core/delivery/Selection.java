package io.domainpush.core.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which PENDING deliveries one claim may take, and how many: at most {@code limit} in
 * all; from at most {@code lanes} lanes (none of {@code busyLanes}), each company in at
 * most {@code lanesPerCompany} of them counting the lanes it has in flight already
 * ({@code busyCompanies}), and at most {@code perLane} from each lane; the longest due
 * first.
 *
 * @param condition SQL over the table (alias {@code d}): which rows are due
 * @param parameters the condition's named parameters
 */
public record Selection(String condition, Map<String, Object> parameters, int limit, int lanes, int lanesPerCompany,
		int perLane, Collection<UUID> busyLanes, Map<Long, Integer> busyCompanies) {

	private static final String DUE = "d.next_attempt_at <= now()";

	/** Deliveries due now: first attempts, back-offs and expired claims. */
	public static Selection due(int limit) {
		return new Selection(DUE, Map.of(), limit, limit, limit, 1, List.of(), Map.of());
	}

	/**
	 * Deliveries due now, and those still waiting for their event after {@code orphanAge}
	 * (the event was lost or dead-lettered).
	 */
	public static Selection dueOrOrphaned(int limit, java.time.Duration orphanAge) {
		return new Selection(DUE + """
				or (d.next_attempt_at is null and d.created_at < now() - :orphanMillis * interval '1 millisecond')""",
				Map.of("orphanMillis", orphanAge.toMillis()), limit, limit, limit, 1, List.of(), Map.of());
	}

	/**
	 * The deliveries matching {@code filter} that are waiting for their event or due now:
	 * what an event's arrival makes due.
	 */
	public static Selection waitingOrDue(String filter, Map<String, Object> parameters, int limit) {
		return new Selection("(" + filter + ") and (d.next_attempt_at is null or " + DUE + ")", parameters, limit,
				limit, limit, 1, List.of(), Map.of());
	}

	/**
	 * Whether the claim shares rows out (lanes, a company's cap, busy lanes); otherwise
	 * it simply takes the longest-due {@code limit}.
	 */
	boolean sharesOut() {
		return lanes < limit || lanesPerCompany < limit || perLane > 1 || !busyLanes.isEmpty()
				|| !busyCompanies.isEmpty();
	}

	/** Only the rows that are due and match {@code filter} too. */
	public Selection withCondition(String filter) {
		return new Selection("(" + condition + ") and (" + filter + ")", parameters, limit, lanes, lanesPerCompany,
				perLane, busyLanes, busyCompanies);
	}

	/** No company gets more than {@code share} of the deliveries claimed. */
	public Selection perCompany(int share) {
		return new Selection(condition, parameters, limit, lanes, share, perLane, busyLanes, busyCompanies);
	}

	/**
	 * Claims whole lanes: at most {@code lanes} of them, a company at most
	 * {@code perCompany} including those it has in flight, at most {@code perLane}
	 * deliveries each.
	 */
	public Selection inLanes(int lanes, int perCompany, int perLane, Collection<UUID> busy,
			Map<Long, Integer> busyPerCompany) {
		return new Selection(condition, parameters, lanes * perLane, lanes, perCompany, perLane, List.copyOf(busy),
				Map.copyOf(busyPerCompany));
	}

}
