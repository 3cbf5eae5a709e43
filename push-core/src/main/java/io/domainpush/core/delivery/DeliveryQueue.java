package io.domainpush.core.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every statement that moves a delivery through its queue, for every kind (emails,
 * digests, webhooks): claim, record, release, count, purge. Each is one statement
 * whatever the number of rows, and none is held open while a delivery is attempted.
 * <ul>
 * <li>A claim takes due rows with {@code FOR UPDATE SKIP LOCKED}, counts the attempt,
 * marks them with a new claim token and moves their next attempt one lease ahead, which
 * keeps every other claimer away until the lease ends.</li>
 * <li>An outcome is recorded only under the token of the claim that took the row: once a
 * lease has run out and another claim took the row, the first claim records nothing.</li>
 * <li>Rows a claim gives back untried are due again without counting an attempt.</li>
 * </ul>
 */
public final class DeliveryQueue<T extends Queued> {

	/**
	 * Takes the chosen rows that are still due and unlocked, and reads them with their
	 * details. The chosen ids are looked up as one array: joined as a set instead, a plan
	 * made while the queue's statistics still said it was empty (a burst of thousands of
	 * new deliveries before any analyze) read every due row once per due row (6,000 rows:
	 * 90 s instead of 40 ms).
	 */
	private static final String CLAIMED = """
			claimed as (
			    update %1$s d set attempts = d.attempts + 1, claim_token = :token, updated_at = now(),
			           next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			      from (select d.delivery_id from %1$s d
			             where d.delivery_id = any(array(select delivery_id from chosen))
			               and d.status = :pending and (%3$s)
			               for update skip locked) l
			     where d.delivery_id = l.delivery_id and d.delivery_id = any(array(select delivery_id from chosen))
			    returning d.*)
			%4$s""";

	/** The longest-due deliveries of the lanes not in flight, read from the queue. */
	private static final String SCANNED_CANDIDATES = """
			with candidates as (
			    select d.delivery_id, d.company_id as company, %2$s as lane,
			           coalesce(d.next_attempt_at, d.created_at) as due_at
			      from %1$s d
			     where d.status = :pending and (%3$s) and not (%2$s = any(:busyLanes))
			     order by due_at, d.delivery_id
			     limit :scan),
			""";

	/**
	 * The same, read lane by lane: the first {@code perLane} due deliveries of each lane
	 * not in flight ({@link QueueTable#lanes()}).
	 */
	private static final String CANDIDATES_BY_LANE = """
			with candidates as (
			    select f.delivery_id, l.company, l.lane, f.due_at
			      from (%5$s) l
			      cross join lateral (
			          select d.delivery_id, coalesce(d.next_attempt_at, d.created_at) as due_at
			            from %1$s d
			           where %2$s = l.lane and d.status = :pending and (%3$s)
			           order by coalesce(d.next_attempt_at, d.created_at), d.delivery_id
			           limit :perLane) f
			     where not (l.lane = any(:busyLanes))),
			""";

	private static final String CLAIM = """
			lanes as (
			    select lane, company, min(due_at) as due_at from candidates group by lane, company),
			chosen_lanes as (
			    select lane from (
			        select l.lane, l.due_at,
			               row_number() over (partition by l.company order by l.due_at, l.lane) + coalesce(b.busy, 0) as place
			          from lanes l left join unnest(:busyCompanies, :busyCounts) as b(company, busy) on b.company = l.company
			           ) ranked
			     where place <= :lanesPerCompany
			     order by due_at, lane
			     limit :lanes),
			chosen as (
			    select delivery_id from (
			        select c.delivery_id, c.due_at,
			               row_number() over (partition by c.lane order by c.due_at, c.delivery_id) as place
			          from candidates c join chosen_lanes l on l.lane = c.lane) ranked
			     where place <= :perLane
			     order by due_at, delivery_id
			     limit :limit),
			"""
			+ CLAIMED;

	/**
	 * The same claim when nothing is shared out (every row its own lane, no company
	 * capped): what an event's arrival claims, on the pipeline's hot path.
	 */
	private static final String PLAIN_CLAIM = """
			with chosen as (
			    select d.delivery_id from %1$s d
			     where d.status = :pending and (%3$s)
			     order by coalesce(d.next_attempt_at, d.created_at), d.delivery_id
			     limit :limit),
			""" + CLAIMED;

	private final JdbcClient jdbc;

	private final QueueTable<T> table;

	private final Duration lease;

	public DeliveryQueue(JdbcClient jdbc, QueueTable<T> table, Duration lease) {
		this.jdbc = jdbc;
		this.table = table;
		this.lease = lease;
	}

	/** The table of this kind of delivery. */
	public String name() {
		return table.name();
	}

	public Statuses statuses() {
		return table.statuses();
	}

	public Duration lease() {
		return lease;
	}

	/** Claims what {@code selection} allows, for one lease. */
	public Claim<T> claim(Selection selection) {
		UUID token = UUID.randomUUID();
		long start = System.nanoTime();
		return new Claim<>(token, start, lease, statement("", selection, token).query(table.mapper()).list());
	}

	/**
	 * The claim's statement, its parameters bound, after {@code prefix} (a test's
	 * {@code explain}).
	 */
	JdbcClient.StatementSpec statement(String prefix, Selection selection, UUID token) {
		JdbcClient.StatementSpec statement = jdbc
			.sql(prefix + statement(selection).formatted(table.name(), table.lane(), selection.condition(),
					table.details(), table.lanes()))
			.param("pending", Statuses.PENDING)
			.param("busyLanes", selection.busyLanes().toArray(UUID[]::new))
			.param("busyCompanies", selection.busyCompanies().keySet().toArray(Long[]::new))
			.param("busyCounts", selection.busyCompanies().values().toArray(Integer[]::new))
			.param("scan", Math.max(1000, selection.limit() * 10))
			.param("lanes", selection.lanes())
			.param("lanesPerCompany", selection.lanesPerCompany())
			.param("perLane", selection.perLane())
			.param("limit", selection.limit())
			.param("token", token)
			.param("leaseMillis", lease.toMillis());
		for (Map.Entry<String, Object> parameter : selection.parameters().entrySet()) {
			statement = statement.param(parameter.getKey(), parameter.getValue());
		}
		return statement;
	}

	private String statement(Selection selection) {
		if (!selection.sharesOut()) {
			return PLAIN_CLAIM;
		}
		return (table.lanes() == null ? SCANNED_CANDIDATES : CANDIDATES_BY_LANE) + CLAIM;
	}

	/**
	 * Records outcomes of {@code claim}'s attempts. Rows another claim has taken since
	 * are left alone, and the claim is then lost.
	 * @return how many outcomes were recorded
	 */
	public int record(Claim<T> claim, List<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return 0;
		}
		int recorded = jdbc
			.sql("""
					update %s d set status = o.status, last_error = o.error, last_code = o.code, claim_token = null,
					       updated_at = now(), next_attempt_at = now() + o.retry_millis * interval '1 millisecond',
					       sent_at = case when o.sent then now() else d.sent_at end
					  from unnest(:ids, :statuses, :errors, :codes, :retries, :sent)
					       as o(delivery_id, status, error, code, retry_millis, sent)
					 where d.delivery_id = o.delivery_id and d.claim_token = :token and d.status = :pending"""
				.formatted(table.name()))
			.param("ids", outcomes.stream().map(Outcome::deliveryId).toArray(UUID[]::new))
			.param("statuses", outcomes.stream().map(Outcome::status).toArray(String[]::new))
			.param("errors", outcomes.stream().map(Outcome::error).toArray(String[]::new))
			.param("codes", outcomes.stream().map(Outcome::code).toArray(Integer[]::new))
			.param("retries",
					outcomes.stream().map(o -> o.retries() ? o.retryAfter().toMillis() : null).toArray(Long[]::new))
			.param("sent", outcomes.stream().map(Outcome::sent).toArray(Boolean[]::new))
			.param("token", claim.token())
			.param("pending", Statuses.PENDING)
			.update();
		if (recorded < outcomes.size()) {
			claim.lose();
		}
		return recorded;
	}

	/**
	 * Gives back deliveries of {@code claim} that were not attempted: due again after
	 * {@code after}, the claim not counted as an attempt.
	 */
	public void release(Claim<T> claim, Collection<UUID> deliveryIds, Duration after) {
		if (deliveryIds.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update %s set attempts = attempts - 1, claim_token = null, updated_at = now(),
				       next_attempt_at = now() + :afterMillis * interval '1 millisecond'
				 where delivery_id = any(:ids) and claim_token = :token and status = :pending"""
			.formatted(table.name()))
			.param("afterMillis", after.toMillis())
			.param("ids", deliveryIds.toArray(UUID[]::new))
			.param("token", claim.token())
			.param("pending", Statuses.PENDING)
			.update();
	}

	/** Deliveries not yet made, and the age in seconds of the oldest window (0: none). */
	public Waiting waiting() {
		return jdbc.sql("""
				select count(*), coalesce(extract(epoch from now() - min(queued_at)), 0) from %s
				 where status = :pending""".formatted(table.name()))
			.param("pending", Statuses.PENDING)
			.query((rs, n) -> new Waiting(rs.getLong(1), rs.getDouble(2)))
			.single();
	}

	/**
	 * Deletes up to {@code limit} deliveries that ended and were made more than
	 * {@code retention} ago; @return how many
	 */
	public int purge(Duration retention, int limit) {
		return jdbc.sql("""
				delete from %1$s where delivery_id in (
				    select delivery_id from %1$s
				     where created_at < now() - :retentionMillis * interval '1 millisecond' and status <> :pending
				     limit :limit)""".formatted(table.name()))
			.param("retentionMillis", retention.toMillis())
			.param("pending", Statuses.PENDING)
			.param("limit", limit)
			.update();
	}

	public record Waiting(long count, double oldestAgeSeconds) {
	}

}
