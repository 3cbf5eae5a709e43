package io.domainpush.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * When work got done, from the system's own timestamps: pushes completed, emails sent,
 * webhooks delivered. How long that paused around a fault, whether any got done after a
 * moment, and whether what was waiting at a moment is done.
 */
final class Completions {

	static final Flow PUSHES = new Flow("push completions", "pushes", "completed_at", "status = 'COMPLETED'",
			"status = 'ACCEPTED' and submitted_at < cast(:t as timestamptz)");

	static final Flow EMAILS = new Flow("emails sent", "notifications", "sent_at", "status = 'SENT'",
			"status = 'PENDING' and created_at < cast(:t as timestamptz)");

	static final Flow WEBHOOKS = new Flow("webhook deliveries", "webhook_deliveries", "sent_at", "status = 'DELIVERED'",
			"status = 'PENDING' and created_at < cast(:t as timestamptz)");

	private Completions() {
	}

	/** Whether a push completed after {@code at}. */
	static boolean after(FaultLab lab, Instant at) {
		return PUSHES.after(lab, at);
	}

	/** The first push completion after {@code at}. */
	static Instant firstAfter(FaultLab lab, Instant at) {
		return lab.db.sql("select min(completed_at) from pushes where completed_at > cast(:t as timestamptz)")
			.param("t", at.toString())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	/** The longest pause between consecutive push completions in the window. */
	static Pause longestPause(FaultLab lab, Instant from, Instant to) {
		return PUSHES.longestPause(lab, from, to);
	}

	/**
	 * One kind of work: where it is recorded done ({@code done} rows, at {@code time}),
	 * and what of it is still waiting ({@code waiting}, given {@code :t}).
	 */
	record Flow(String name, String table, String time, String done, String waiting) {

		boolean after(FaultLab lab, Instant at) {
			return lab.db
				.sql("select exists (select 1 from " + table + " where " + done + " and " + time
						+ " > cast(:t as timestamptz))")
				.param("t", at.toString())
				.query(Boolean.class)
				.single();
		}

		/** Nothing that was waiting at {@code at} waits any more. */
		boolean caughtUp(FaultLab lab, Instant at) {
			return lab.db.sql("select count(*) from " + table + " where " + waiting)
				.param("t", at.toString())
				.query(Long.class)
				.single() == 0;
		}

		Pause longestPause(FaultLab lab, Instant from, Instant to) {
			List<OffsetDateTime> times = lab.db
				.sql("select " + time + " from " + table + " where " + done + " and " + time
						+ " between cast(:from as timestamptz) and cast(:to as timestamptz) order by " + time)
				.param("from", from.toString())
				.param("to", to.toString())
				.query(OffsetDateTime.class)
				.list();
			Instant previous = from;
			Pause longest = new Pause(from, from);
			for (OffsetDateTime done : times) {
				Pause pause = new Pause(previous, done.toInstant());
				if (pause.length().compareTo(longest.length()) > 0) {
					longest = pause;
				}
				previous = done.toInstant();
			}
			Pause tail = new Pause(previous, to);
			return tail.length().compareTo(longest.length()) > 0 ? tail : longest;
		}

	}

	/** A time without completions. */
	record Pause(Instant from, Instant to) {

		Duration length() {
			return Duration.between(from, to);
		}

		/**
		 * How long after {@code moment} completions resumed (zero if they did before).
		 */
		Duration resumedAfter(Instant moment) {
			return to.isAfter(moment) && !from.isAfter(moment) ? Duration.between(moment, to) : Duration.ZERO;
		}

	}

}
