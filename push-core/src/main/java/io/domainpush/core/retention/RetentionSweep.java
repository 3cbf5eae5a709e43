package io.domainpush.core.retention;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.webhook.Webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one purge: every {@code push.retention.interval}, deletes what is past its
 * retention in each table that only grows, {@code batch-size} rows per statement so no
 * statement holds many locks, and goes round again at once while a table had a full
 * batch. Several instances may run it side by side: a row is deleted once.
 */
public class RetentionSweep extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

	private final Map<String, IntSupplier> purges = new LinkedHashMap<>();

	private final Map<String, Counter> purged = new LinkedHashMap<>();

	private final int batchSize;

	public RetentionSweep(Notifications notifications, Digests digests, Webhooks webhooks, JdbcClient jdbc,
			RetentionProperties retention, MeterRegistry registry) {
		super("retention-sweep", Schedule.every(retention.interval()));
		this.batchSize = retention.batchSize();
		purges.put("notifications", () -> notifications.queue().purge(retention.emails(), batchSize));
		purges.put("notification_digests", () -> digests.queue().purge(retention.digests(), batchSize));
		purges.put("webhook_deliveries", () -> webhooks.queue().purge(retention.webhookDeliveries(), batchSize));
		purges.put("sign_in_throttles", () -> delete(jdbc, """
				delete from sign_in_throttles where throttle_key in (
				    select throttle_key from sign_in_throttles
				     where updated_at < now() - :retentionMillis * interval '1 millisecond' limit :limit)""",
				retention.signInFailures()));
		purges.put("known_browsers", () -> delete(jdbc, """
				delete from known_browsers where (token_hash, username) in (
				    select token_hash, username from known_browsers
				     where last_seen_at < now() - :retentionMillis * interval '1 millisecond' limit :limit)""",
				retention.knownBrowsers()));
		purges.put("invitations", () -> delete(jdbc, """
				delete from invitations where delivery_id in (
				    select delivery_id from invitations
				     where expires_at < now() - :retentionMillis * interval '1 millisecond' and status <> 'PENDING'
				     limit :limit)""", retention.invitations()));
		purges.put("audit_log", () -> delete(jdbc, """
				delete from audit_log where audit_id in (
				    select audit_id from audit_log where at < now() - :retentionMillis * interval '1 millisecond'
				     limit :limit)""", retention.audit()));
		for (String table : purges.keySet()) {
			purged.put(table,
					Counter.builder("push.retention.purged")
						.description("Rows deleted after their retention")
						.tag("table", table)
						.register(registry));
		}
	}

	private int delete(JdbcClient jdbc, String statement, Duration retention) {
		return jdbc.sql(statement).param("retentionMillis", retention.toMillis()).param("limit", batchSize).update();
	}

	@Override
	protected boolean round() {
		boolean more = false;
		for (Map.Entry<String, IntSupplier> purge : purges.entrySet()) {
			int deleted = purge.getValue().getAsInt();
			if (deleted > 0) {
				purged.get(purge.getKey()).increment(deleted);
				log.info("Purged {} row(s) of {} past their retention", deleted, purge.getKey());
			}
			more |= deleted == batchSize;
		}
		return more;
	}

}
