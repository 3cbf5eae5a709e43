package io.domainpush.notifier.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.domainpush.core.tracing.Traces;
import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryRun;
import io.domainpush.core.delivery.DeliverySession;
import io.domainpush.core.delivery.Outcome;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;
import io.domainpush.core.webhook.Webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * How to deliver one kind: webhooks, apart from email (its own threads, its own consumer
 * group feeding it). An endpoint is a lane of the shared queue: its deliveries go out in
 * order, one at a time. Each round claims whole lanes for the threads that are free, at
 * most {@code per-endpoint-batch} deliveries each, and never more lanes of one company
 * than {@code per-company-concurrency} counting those it has in flight, so one company's
 * slow endpoints can never take every thread. Every attempt ends within the delivery
 * deadline and none starts that could outlive its claim's lease. A failing endpoint's
 * other deliveries wait as long as its failed one. A round runs every
 * {@code poll-interval}, and at once when events arrive or a lane is done; several
 * notifiers may dispatch side by side.
 */
@Component
class WebhookDispatcher extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final Webhooks webhooks;

	private final WebhookSender sender;

	private final WebhookProperties properties;

	private final boolean enabled;

	/** Null while webhooks are off. */
	private final DeliveryRun<DueDelivery> run;

	/** The lanes in flight here, by endpoint, with their company. */
	private final Map<UUID, Long> busy = new ConcurrentHashMap<>();

	private final Map<Counted, Counter> counters = new LinkedHashMap<>();

	private volatile ExecutorService endpoints;

	WebhookDispatcher(Webhooks webhooks, WebhookSender sender, WebhookProperties properties, WebhookSecrets secrets,
			DeliveryProperties delivery, MeterRegistry registry, Traces traces) {
		super("webhook-dispatcher", Schedule.every(properties.pollInterval()));
		this.webhooks = webhooks;
		this.sender = sender;
		this.properties = properties;
		this.enabled = secrets.enabled();
		this.run = enabled ? new DeliveryRun<>(webhooks.queue(), properties.retry(), properties.deliveryDeadline(),
				delivery.recordInterval(), traces) : null;
		for (Counted kind : Counted.values()) {
			counters.put(kind,
					Counter.builder("push.webhooks.deliveries")
						.description("Webhook delivery attempts by outcome")
						.tag("outcome", kind.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
	}

	@Override
	protected boolean round() {
		int free = properties.concurrency() - busy.size();
		if (free <= 0) {
			return false;
		}
		Map<Long, Integer> busyPerCompany = new LinkedHashMap<>();
		busy.values().forEach(company -> busyPerCompany.merge(company, 1, Integer::sum));
		Claim<DueDelivery> claim = webhooks.claim(Selection.due(free)
			.inLanes(free, properties.perCompanyConcurrency(), properties.perEndpointBatch(), busy.keySet(),
					busyPerCompany));
		Map<UUID, List<DueDelivery>> lanes = new LinkedHashMap<>();
		for (DueDelivery delivery : claim.items()) {
			lanes.computeIfAbsent(delivery.webhookId(), id -> new java.util.ArrayList<>()).add(delivery);
		}
		lanes.forEach((webhookId, lane) -> {
			busy.put(webhookId, lane.get(0).companyId());
			endpoints.execute(() -> {
				try {
					deliver(claim, lane);
				}
				catch (RuntimeException ex) {
					// the claim's lease ends and the deliveries are attempted again
					log.warn("Webhook deliveries to {} not recorded: {}", webhookId, ex.toString());
				}
				finally {
					busy.remove(webhookId);
					wake();
				}
			});
		});
		return false;
	}

	private void deliver(Claim<DueDelivery> claim, List<DueDelivery> lane) {
		Endpoint endpoint = new Endpoint();
		List<Outcome> outcomes = run.run(claim, lane, endpoint);
		outcomes.forEach(outcome -> counters.get(Counted.of(outcome, endpoint.gone)).increment());
		if (endpoint.gone) {
			webhooks.disable(lane.get(0).webhookId(), "the endpoint answered 410 Gone at " + Instant.now());
			log.warn("Webhook {} answered 410 Gone: disabled", lane.get(0).webhookId());
		}
	}

	/** One endpoint's lane: after a 410 it gets nothing more. */
	private final class Endpoint implements DeliverySession<DueDelivery> {

		private boolean gone;

		@Override
		public Attempt attempt(DueDelivery delivery) {
			Attempt attempt = sender.send(delivery);
			if (attempt.result() == Attempt.Result.REFUSED) {
				gone = true;
			}
			// a failing endpoint's other deliveries wait as long as this one
			return attempt.result() == Attempt.Result.SENT ? attempt : attempt.holdingLane();
		}

		@Override
		public void close() {
		}

	}

	/**
	 * How an attempt ended, as counted in
	 * {@code push_webhooks_deliveries_total{outcome}}.
	 */
	enum Counted {

		DELIVERED, RETRY, FAILED, DISABLED;

		static Counted of(Outcome outcome, boolean endpointGone) {
			if (outcome.sent()) {
				return DELIVERED;
			}
			if (outcome.retries()) {
				return RETRY;
			}
			return endpointGone && Integer.valueOf(410).equals(outcome.code()) ? DISABLED : FAILED;
		}

	}

	/** Webhooks are off without a secret key. */
	@Override
	protected boolean enabled() {
		return enabled;
	}

	@Override
	public void start() {
		if (!enabled) {
			log.info("Webhooks are off (push.webhooks.secret-key is not set): no deliveries are dispatched");
			return;
		}
		endpoints = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
			Thread thread = new Thread(runnable, "webhook-endpoint");
			thread.setDaemon(true);
			return thread;
		});
		super.start();
	}

	@Override
	public void stop() {
		super.stop();
		ExecutorService pool = endpoints;
		if (pool != null) {
			pool.shutdownNow();
		}
	}

}
