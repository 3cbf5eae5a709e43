package io.domainpush.core.push;

import java.util.List;

/**
 * Where a push stands: the states of the one state machine drawn in DESIGN §5. Stored in
 * {@code pushes.status} as the constant's name. A push waits for the gaining company's
 * answer ({@code AWAITING_APPROVAL}) or for its time ({@code SCHEDULED}), then is
 * {@code ACCEPTED} (queued for the worker) until the worker applies it
 * ({@code COMPLETED}), refuses it ({@code REJECTED}) or gives up on it ({@code FAILED}).
 * While it is open its submitter may cancel (withdraw) it ({@code CANCELLED}); one
 * awaiting approval may be {@code DECLINED} or, unanswered, {@code EXPIRED}.
 */
public enum PushStatus {

	AWAITING_APPROVAL, SCHEDULED, ACCEPTED, COMPLETED, REJECTED, CANCELLED, FAILED, DECLINED, EXPIRED;

	/** The statuses of a push that has not ended: at most one per domain. */
	public static final List<PushStatus> OPEN = List.of(AWAITING_APPROVAL, SCHEDULED, ACCEPTED);

	/**
	 * {@link #OPEN} as the predicate of the one-open-push-per-domain index, written out:
	 * PostgreSQL uses a partial index only for a query whose condition it can prove
	 * implies the index's, which a bound parameter ({@code status = any(?)}) never is
	 * (measured: a sequential scan of {@code pushes} per domain checked).
	 */
	public static final String OPEN_PREDICATE = "status in ('AWAITING_APPROVAL', 'SCHEDULED', 'ACCEPTED')";

	public boolean isTerminal() {
		return !OPEN.contains(this);
	}

	/** The open statuses as the SQL array parameter {@code status = any(:open)} binds. */
	public static String[] openNames() {
		return OPEN.stream().map(Enum::name).toArray(String[]::new);
	}

}
