package io.domainpush.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryQueue;
import io.domainpush.core.delivery.QueueTable;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.delivery.Statuses;
import io.domainpush.core.paging.PageClauses;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every statement on {@code webhooks} and {@code webhook_deliveries}, in one place: the
 * API registers, lists, rotates and deletes endpoints and asks for pings; the notifier
 * makes one delivery per event and subscribed endpoint (a repeat of the event adds
 * nothing) and works through them as a {@link DeliveryQueue} whose lanes are the
 * endpoints: an endpoint's deliveries go out in order, one at a time.
 */
@Repository
public class Webhooks {

	private static final String ENABLED = Webhook.ENABLED;

	private static final String DISABLED = Webhook.DISABLED;

	private static final String PENDING = Statuses.PENDING;

	private static final String FAILED = "FAILED";

	private static final QueueTable<DueDelivery> TABLE = new QueueTable<>("webhook_deliveries", "d.webhook_id", """
			select c.delivery_id, c.webhook_id, c.company_id, w.url, w.secret,
			       case when w.secret_rotated_at > now() - :overlapMillis * interval '1 millisecond'
			            then w.previous_secret end as previous_secret,
			       c.event_type, c.payload, c.attempts, c.queued_at, c.trace_parent
			  from claimed c join webhooks w on w.webhook_id = c.webhook_id
			 order by c.webhook_id, c.created_at""",
			(rs, n) -> new DueDelivery(rs.getObject("delivery_id", UUID.class), rs.getObject("webhook_id", UUID.class),
					rs.getLong("company_id"), rs.getString("url"), rs.getBytes("secret"),
					rs.getBytes("previous_secret"), rs.getString("event_type"), rs.getString("payload"),
					rs.getInt("attempts"), instant(rs.getObject("queued_at", OffsetDateTime.class)),
					rs.getString("trace_parent")),
			new Statuses("DELIVERED", null, FAILED),
			"select w.webhook_id as lane, w.company_id as company from webhooks w where w.status = '" + ENABLED + "'");

	private static final String COLUMNS = "webhook_id, company_id, url, events, status, disabled_reason, created_at, "
			+ "secret_rotated_at";

	private static final RowMapper<Webhook> WEBHOOK = (rs, n) -> new Webhook(rs.getObject("webhook_id", UUID.class),
			rs.getLong("company_id"), rs.getString("url"), Arrays.asList((String[]) rs.getArray("events").getArray()),
			rs.getString("status"), rs.getString("disabled_reason"),
			instant(rs.getObject("created_at", OffsetDateTime.class)),
			instant(rs.getObject("secret_rotated_at", OffsetDateTime.class)));

	private static final RowMapper<WebhookDelivery> DELIVERY = (rs, n) -> new WebhookDelivery(
			WebhookDelivery.messageId(rs.getObject("delivery_id", UUID.class)), rs.getString("event_type"),
			rs.getObject("subject_id", UUID.class), rs.getString("status"), rs.getInt("attempts"),
			rs.getObject("last_code", Integer.class), rs.getString("last_error"),
			instant(rs.getObject("created_at", OffsetDateTime.class)),
			PENDING.equals(rs.getString("status")) ? instant(rs.getObject("next_attempt_at", OffsetDateTime.class))
					: null,
			instant(rs.getObject("sent_at", OffsetDateTime.class)), rs.getObject("delivery_id", UUID.class));

	private final JdbcClient jdbc;

	private final DeliveryQueue<DueDelivery> queue;

	private final Duration rotationOverlap;

	public Webhooks(JdbcClient jdbc, DeliveryProperties delivery, WebhookProperties properties) {
		this.jdbc = jdbc;
		this.queue = new DeliveryQueue<>(jdbc, TABLE, delivery.claimLease());
		this.rotationOverlap = properties.rotationOverlap();
	}

	/** The deliveries as a queue whose lanes are the endpoints. */
	public DeliveryQueue<DueDelivery> queue() {
		return queue;
	}

	/**
	 * Claims due deliveries of enabled endpoints in lanes, as {@code selection} allows;
	 * the previous secret comes with an endpoint's deliveries while its rotation's
	 * overlap lasts.
	 */
	public Claim<DueDelivery> claim(Selection selection) {
		return queue.claim(claimable(selection));
	}

	/**
	 * The deliveries of {@code selection} to enabled endpoints, with what reading them
	 * needs.
	 */
	public Selection claimable(Selection selection) {
		Map<String, Object> parameters = new java.util.HashMap<>(selection.parameters());
		parameters.put("enabled", ENABLED);
		parameters.put("overlapMillis", rotationOverlap.toMillis());
		return new Selection("(" + selection.condition() + """
				) and exists (select 1 from webhooks w where w.webhook_id = d.webhook_id and w.status = :enabled)""",
				parameters, selection.limit(), selection.lanes(), selection.lanesPerCompany(), selection.perLane(),
				selection.busyLanes(), selection.busyCompanies());
	}

	public Webhook create(long companyId, String url, List<String> events, byte[] sealedSecret) {
		return jdbc.sql("""
				insert into webhooks (webhook_id, company_id, url, events, secret, status)
				values (:id, :company, :url, :events, :secret, :enabled) returning %s""".formatted(COLUMNS))
			.param("id", UUID.randomUUID())
			.param("company", companyId)
			.param("url", url)
			.param("events", events.toArray(String[]::new))
			.param("secret", sealedSecret)
			.param("enabled", ENABLED)
			.query(WEBHOOK)
			.single();
	}

	public int countOf(long companyId) {
		return jdbc.sql("select count(*) from webhooks where company_id = :company")
			.param("company", companyId)
			.query(Integer.class)
			.single();
	}

	/** The company's endpoints, oldest first: {@code limit} rows from {@code offset}. */
	public List<Webhook> list(long companyId, int limit, long offset) {
		return jdbc.sql(
				"select %s from webhooks where company_id = :company order by created_at, webhook_id limit :limit offset :offset"
					.formatted(COLUMNS))
			.param("company", companyId)
			.param("limit", limit)
			.param("offset", offset)
			.query(WEBHOOK)
			.list();
	}

	public Optional<Webhook> find(UUID webhookId) {
		return jdbc.sql("select %s from webhooks where webhook_id = :id".formatted(COLUMNS))
			.param("id", webhookId)
			.query(WEBHOOK)
			.optional();
	}

	/**
	 * A new secret; the current one becomes the previous, still signed with until the
	 * overlap ends.
	 */
	public Webhook rotate(UUID webhookId, byte[] sealedSecret) {
		return jdbc.sql("""
				update webhooks set previous_secret = secret, secret = :secret, secret_rotated_at = now()
				 where webhook_id = :id returning %s""".formatted(COLUMNS))
			.param("id", webhookId)
			.param("secret", sealedSecret)
			.query(WEBHOOK)
			.single();
	}

	/** Deletes the endpoint and its deliveries (nothing more is sent to it). */
	public void delete(UUID webhookId) {
		jdbc.sql("delete from webhooks where webhook_id = :id").param("id", webhookId).update();
	}

	/**
	 * A page of the endpoint's deliveries: {@code page} orders them (newest first, by
	 * {@code created_at} and {@code delivery_id}, the listing index's key) and cuts them
	 * in that index alone; only the page's rows are read.
	 */
	public List<WebhookDelivery> deliveries(UUID webhookId, PageClauses page) {
		return jdbc.sql(deliveriesStatement(page))
			.param("id", webhookId)
			.params(page.parameters())
			.query(DELIVERY)
			.list();
	}

	static String deliveriesStatement(PageClauses page) {
		return page.select("*", "webhook_deliveries", "webhook_id = :id");
	}

	/**
	 * One delivery per event and enabled endpoint of its companies subscribed to its
	 * type, due now; an event that has one already for an endpoint adds nothing, nor does
	 * one older than {@code horizon} (its delivery may have been purged after its
	 * retention: a replay must not deliver it again).
	 * @return how many deliveries were made
	 */
	public int enqueue(Collection<WebhookEvent> events, Duration horizon) {
		if (events.isEmpty()) {
			return 0;
		}
		List<WebhookEvent> list = List.copyOf(events);
		return jdbc
			.sql("""
					insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload, status,
					                                trace_parent)
					select gen_random_uuid(), w.webhook_id, w.company_id, e.type, e.subject, e.payload, :pending, e.trace
					  from unnest(:types, :subjects, :payloads, :first, :second, :times, :traces)
					       as e(type, subject, payload, first, second, at, trace)
					  join webhooks w on w.company_id in (e.first, e.second) and w.status = :enabled
					                 and e.type = any(w.events)
					 where e.at > now() - :horizonMillis * interval '1 millisecond'
					 order by w.webhook_id, e.subject
					on conflict (webhook_id, event_type, subject_id) do nothing""")
			.param("pending", PENDING)
			.param("enabled", ENABLED)
			.param("horizonMillis", horizon.toMillis())
			.param("times", list.stream().map(e -> java.sql.Timestamp.from(e.at())).toArray(java.sql.Timestamp[]::new))
			.param("types", list.stream().map(e -> e.type().wireName()).toArray(String[]::new))
			.param("subjects", list.stream().map(WebhookEvent::subjectId).toArray(UUID[]::new))
			.param("payloads", list.stream().map(WebhookEvent::body).toArray(String[]::new))
			.param("first", list.stream().map(e -> e.companies().get(0)).toArray(Long[]::new))
			.param("second", list.stream().map(e -> e.companies().get(e.companies().size() - 1)).toArray(Long[]::new))
			.param("traces", list.stream().map(WebhookEvent::traceParent).toArray(String[]::new))
			.update();
	}

	/** Whether any company has an enabled endpoint. */
	public boolean anyEnabled() {
		return jdbc.sql("select exists (select 1 from webhooks where status = :enabled)")
			.param("enabled", ENABLED)
			.query(Boolean.class)
			.single();
	}

	/** Those of these companies that have an enabled endpoint. */
	public Set<Long> companiesListening(Collection<Long> companyIds) {
		return new HashSet<>(
				jdbc.sql("select distinct company_id from webhooks where company_id = any(:ids) and status = :enabled")
					.param("ids", companyIds.toArray(Long[]::new))
					.param("enabled", ENABLED)
					.query(Long.class)
					.list());
	}

	/** A ping of this endpoint, due now; @return its delivery's {@code webhook-id} */
	public String enqueuePing(UUID webhookId, WebhookEvent ping) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload,
				                                status)
				select :id, webhook_id, company_id, :type, :subject, :payload, :pending from webhooks
				 where webhook_id = :webhook""")
			.param("id", id)
			.param("webhook", webhookId)
			.param("type", ping.type().wireName())
			.param("subject", ping.subjectId())
			.param("payload", ping.body())
			.param("pending", PENDING)
			.update();
		return WebhookDelivery.messageId(id);
	}

	/**
	 * The endpoint answered 410 Gone: it is disabled and its deliveries still pending
	 * fail with {@code reason}.
	 */
	public void disable(UUID webhookId, String reason) {
		jdbc.sql("update webhooks set status = :disabled, disabled_reason = :reason where webhook_id = :id")
			.param("disabled", DISABLED)
			.param("reason", reason)
			.param("id", webhookId)
			.update();
		jdbc.sql("""
				update webhook_deliveries set status = :failed, last_error = coalesce(last_error, :reason),
				       updated_at = now()
				 where webhook_id = :id and status = :pending""")
			.param("failed", FAILED)
			.param("pending", PENDING)
			.param("reason", reason)
			.param("id", webhookId)
			.update();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

}
