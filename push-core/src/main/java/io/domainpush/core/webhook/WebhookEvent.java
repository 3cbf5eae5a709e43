package io.domainpush.core.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.domainpush.core.events.BatchFinished;
import io.domainpush.core.events.PushCancelled;
import io.domainpush.core.events.PushStatusChanged;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a webhook delivery carries, derived from an event on {@code domain-push.events}:
 * its type, the push or batch it is about (with the type, what makes a delivery unique
 * per endpoint), the companies whose endpoints hear of it, and the body, fixed when the
 * delivery is created so every attempt sends the same bytes: {@code {"type", "timestamp",
 * "data"}} as the Standard Webhooks specification shapes it.
 *
 * @param at when the event happened (its body's timestamp)
 * @param traceParent the trace the event's record continued: its deliveries continue it
 */
public record WebhookEvent(WebhookEventType type, UUID subjectId, List<Long> companies, String body, Instant at,
		String traceParent) {

	public WebhookEvent(WebhookEventType type, UUID subjectId, List<Long> companies, String body, Instant at) {
		this(type, subjectId, companies, body, at, null);
	}

	/** The same event, its deliveries continuing {@code trace}. */
	public WebhookEvent continuing(String trace) {
		return new WebhookEvent(type, subjectId, companies, body, at, trace);
	}

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	/**
	 * @return null for an event no webhook hears of (a push being requested)
	 */
	public static WebhookEvent of(PushEvent event) {
		if (event instanceof PushCompleted e) {
			return push(WebhookEventType.PUSH_COMPLETED, e.pushId(), e.completedAt(), e.losingCompanyId(),
					e.gainingCompanyId(),
					data(e.pushId(), e.domain(), e.losingCompanyId(), e.gainingCompanyId(), "users_moved",
							e.usersMoved(), "completed_at", e.completedAt(), "billing_starts_on",
							e.billingStartsOn().toString(), "report", e.report()));
		}
		if (event instanceof PushRejected e) {
			return push(WebhookEventType.PUSH_REJECTED, e.pushId(), e.rejectedAt(), e.losingCompanyId(),
					e.gainingCompanyId(), data(e.pushId(), e.domain(), e.losingCompanyId(), e.gainingCompanyId(),
							"reason", e.reason(), "rejected_at", e.rejectedAt()));
		}
		if (event instanceof PushCancelled e) {
			return push(WebhookEventType.PUSH_CANCELLED, e.pushId(), e.cancelledAt(), e.losingCompanyId(),
					e.gainingCompanyId(), data(e.pushId(), e.domain(), e.losingCompanyId(), e.gainingCompanyId(),
							"cancelled_at", e.cancelledAt()));
		}
		if (event instanceof PushStatusChanged e) {
			return push(WebhookEventType.ofChange(e.previousStatus(), e.status()), e.pushId(), e.changedAt(),
					e.losingCompanyId(), e.gainingCompanyId(),
					data(e.pushId(), e.domain(), e.losingCompanyId(), e.gainingCompanyId(), "status", e.status(),
							"previous_status", e.previousStatus(), "not_before", e.notBefore(), "approval_deadline",
							e.approvalDeadline(), "changed_at", e.changedAt()));
		}
		if (event instanceof BatchFinished e) {
			return batch(e);
		}
		return null;
	}

	/**
	 * The companies whose endpoints hear of the event (none for a push being requested),
	 * without rendering its body.
	 */
	public static List<Long> companiesOf(PushEvent event) {
		if (event instanceof BatchFinished e) {
			return Stream.of(e.gainingCompanyId(), e.submitterCompanyId())
				.filter(java.util.Objects::nonNull)
				.distinct()
				.toList();
		}
		if (event instanceof PushCompleted e) {
			return List.of(e.losingCompanyId(), e.gainingCompanyId());
		}
		if (event instanceof PushRejected e) {
			return List.of(e.losingCompanyId(), e.gainingCompanyId());
		}
		if (event instanceof PushCancelled e) {
			return List.of(e.losingCompanyId(), e.gainingCompanyId());
		}
		if (event instanceof PushStatusChanged e) {
			return List.of(e.losingCompanyId(), e.gainingCompanyId());
		}
		return List.of();
	}

	/** A ping of one endpoint, asked for by its company. */
	public static WebhookEvent ping(UUID webhookId, long companyId, Instant at) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("webhook_id", webhookId);
		data.put("company_id", companyId);
		return new WebhookEvent(WebhookEventType.PING, UUID.randomUUID(), List.of(companyId),
				body(WebhookEventType.PING, at, data), at);
	}

	private static WebhookEvent push(WebhookEventType type, UUID pushId, Instant at, long losing, long gaining,
			Map<String, Object> data) {
		return new WebhookEvent(type, pushId, List.of(losing, gaining), body(type, at, data), at);
	}

	private static WebhookEvent batch(BatchFinished e) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("batch_id", e.batchId());
		data.put("gaining_company_id", e.gainingCompanyId());
		data.put("submitter_company_id", e.submitterCompanyId());
		data.put("total", e.total());
		data.put("refused_up_front", e.refusedUpFront());
		data.put("completed", e.completed());
		data.put("rejected", e.rejected());
		data.put("cancelled", e.cancelled());
		data.put("failed", e.failed());
		data.put("declined", e.declined());
		data.put("expired", e.expired());
		data.put("submitted_at", e.submittedAt().toString());
		data.put("finished_at", e.finishedAt().toString());
		return new WebhookEvent(WebhookEventType.BATCH_FINISHED, e.batchId(), companiesOf(e),
				body(WebhookEventType.BATCH_FINISHED, e.finishedAt(), data), e.finishedAt());
	}

	private static Map<String, Object> data(UUID pushId, String domain, long losing, long gaining, Object... more) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("push_id", pushId);
		data.put("domain", domain);
		data.put("losing_company_id", losing);
		data.put("gaining_company_id", gaining);
		for (int i = 0; i < more.length; i += 2) {
			Object value = more[i + 1];
			data.put((String) more[i], value instanceof Instant instant ? instant.toString() : value);
		}
		return data;
	}

	private static String body(WebhookEventType type, Instant at, Map<String, Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.wireName());
		body.put("timestamp", at.toString());
		body.put("data", data);
		return JSON.writeValueAsString(body);
	}

}
