package io.domainpush.notifier.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;
import io.domainpush.core.webhook.Webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works through the due webhook deliveries, apart from email (its own threads, its own
 * consumer group feeding it): each round claims the due deliveries of endpoints this
 * notifier is not delivering to already, at most {@code per-endpoint-batch} per endpoint,
 * and hands each endpoint's share to one of {@code concurrency} threads, which delivers
 * them in order. A slow or dead endpoint so holds one thread for at most its share times
 * the timeouts, and never the others' deliveries. A round runs every
 * {@code poll-interval}, and at once when events arrive or a share is done. Several
 * notifiers may dispatch side by side: claims skip rows another one holds, and a claim
 * left by a notifier that died expires after {@code claim-lease}.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final Webhooks webhooks;

	private final WebhookSender sender;

	private final WebhookProperties properties;

	private final boolean enabled;

	private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

	private final Semaphore wakeUps = new Semaphore(0);

	private final Map<Outcome, Counter> counters = new LinkedHashMap<>();

	private volatile ExecutorService endpoints;

	private volatile Thread loop;

	WebhookDispatcher(Webhooks webhooks, WebhookSender sender, WebhookProperties properties, WebhookSecrets secrets,
			MeterRegistry registry) {
		this.webhooks = webhooks;
		this.sender = sender;
		this.properties = properties;
		this.enabled = secrets.enabled();
		for (Outcome outcome : Outcome.values()) {
			counters.put(outcome,
					Counter.builder("push.webhooks.deliveries")
						.description("Webhook delivery attempts by outcome")
						.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
						.register(registry));
		}
	}

	/** Runs a round soon: deliveries may be due. */
	void wake() {
		if (wakeUps.availablePermits() == 0) {
			wakeUps.release();
		}
	}

	private void run() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				round();
			}
			catch (RuntimeException ex) {
				// the database may be down: the next round tries again
				log.warn("Webhook deliveries not claimed: {}", ex.toString());
			}
			try {
				if (wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					wakeUps.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void round() {
		int free = properties.concurrency() - busy.size();
		if (free <= 0) {
			return;
		}
		List<DueDelivery> claimed = webhooks.claim(free * properties.perEndpointBatch(), properties.perEndpointBatch(),
				Set.copyOf(busy), properties.claimLease(), properties.rotationOverlap());
		Map<UUID, List<DueDelivery>> byEndpoint = new LinkedHashMap<>();
		for (DueDelivery delivery : claimed) {
			byEndpoint.computeIfAbsent(delivery.webhookId(), id -> new java.util.ArrayList<>()).add(delivery);
		}
		byEndpoint.forEach((webhookId, share) -> {
			busy.add(webhookId);
			endpoints.execute(() -> {
				try {
					deliverInOrder(share);
				}
				finally {
					busy.remove(webhookId);
					wake();
				}
			});
		});
	}

	private void deliverInOrder(List<DueDelivery> share) {
		for (int i = 0; i < share.size(); i++) {
			DueDelivery delivery = share.get(i);
			try {
				Duration holdRest = deliver(delivery);
				if (holdRest != null) {
					List<UUID> rest = share.subList(i + 1, share.size()).stream().map(DueDelivery::deliveryId).toList();
					webhooks.release(rest, holdRest);
					return;
				}
			}
			catch (RuntimeException ex) {
				// the claim expires and the delivery is attempted again
				log.warn("Webhook delivery {} not recorded: {}", delivery.messageId(), ex.toString());
				return;
			}
		}
	}

	/**
	 * @return null when the endpoint may get its next delivery now, otherwise how long
	 * its other claimed deliveries wait
	 */
	private Duration deliver(DueDelivery delivery) {
		WebhookSender.Attempt attempt = sender.send(delivery);
		if (attempt.delivered()) {
			webhooks.recordDelivered(delivery.deliveryId(), attempt.statusCode());
			counters.get(Outcome.DELIVERED).increment();
			return null;
		}
		if (attempt.gone()) {
			webhooks.recordFailure(delivery.deliveryId(), 410, attempt.error(), null);
			webhooks.disable(delivery.webhookId(), "the endpoint answered 410 Gone at " + Instant.now());
			counters.get(Outcome.DISABLED).increment();
			log.warn("Webhook {} answered 410 Gone: disabled", delivery.webhookId());
			return Duration.ZERO;
		}
		Instant windowEnd = delivery.createdAt().plus(properties.retryWindow());
		Instant now = Instant.now();
		if (!now.isBefore(windowEnd)) {
			webhooks.recordFailure(delivery.deliveryId(), attempt.statusCode(),
					attempt.error() + " (gave up after retrying for " + properties.retryWindow() + ")", null);
			counters.get(Outcome.FAILED).increment();
			return null;
		}
		// the last attempt comes when the window ends, not after it
		Duration wait = properties.backOffAfter(delivery.attempts());
		if (now.plus(wait).isAfter(windowEnd)) {
			wait = Duration.between(now, windowEnd);
		}
		webhooks.recordFailure(delivery.deliveryId(), attempt.statusCode(), attempt.error(), wait);
		counters.get(Outcome.RETRY).increment();
		// the endpoint is failing: its other deliveries wait as long
		return wait;
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
		Thread thread = new Thread(this::run, "webhook-dispatcher");
		thread.setDaemon(true);
		loop = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread current = loop;
		if (current != null) {
			current.interrupt();
		}
		loop = null;
		ExecutorService pool = endpoints;
		if (pool != null) {
			pool.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

	/**
	 * How an attempt ended, as counted in
	 * {@code push_webhooks_deliveries_total{outcome}}.
	 */
	enum Outcome {

		DELIVERED, RETRY, FAILED, DISABLED

	}

}
