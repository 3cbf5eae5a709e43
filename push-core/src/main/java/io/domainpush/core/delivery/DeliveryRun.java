package io.domainpush.core.delivery;

import io.domainpush.core.tracing.Traces;
import io.micrometer.tracing.Span;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts the deliveries of one lane of a claim, in order, through one session, and
 * records their outcomes under the claim as they happen: at least every
 * {@code recordInterval}, and at the end. An attempt starts only while the claim allows
 * one of {@code deadline} (see {@link Claim#mayStart}); what is left is given back, due
 * at once. A failure that holds the lane gives back the rest of the lane, due when the
 * failed one is. Once an outcome cannot be recorded (another claim took the deliveries
 * after the lease ran out) nothing more is attempted.
 */
public final class DeliveryRun<T extends Queued> {

	private static final Logger log = LoggerFactory.getLogger(DeliveryRun.class);

	private final DeliveryQueue<T> queue;

	private final RetryPolicy policy;

	private final Duration deadline;

	private final Duration recordInterval;

	private final Traces traces;

	public DeliveryRun(DeliveryQueue<T> queue, RetryPolicy policy, Duration deadline, Duration recordInterval,
			Traces traces) {
		if (queue.lease().compareTo(deadline.multipliedBy(3)) < 0) {
			throw new IllegalArgumentException("push.delivery.claim-lease (" + queue.lease()
					+ ") must be at least three times the deadline of one attempt (" + deadline + ")");
		}
		this.queue = queue;
		this.policy = policy;
		this.deadline = deadline;
		this.recordInterval = recordInterval;
		this.traces = traces;
	}

	public Duration deadline() {
		return deadline;
	}

	/**
	 * @return the outcomes recorded, in order
	 */
	public List<Outcome> run(Claim<T> claim, List<T> lane, DeliverySession<T> session) {
		List<Outcome> outcomes = new ArrayList<>(lane.size());
		List<Outcome> unrecorded = new ArrayList<>();
		long lastRecord = System.nanoTime();
		for (int i = 0; i < lane.size(); i++) {
			if (!claim.mayStart(deadline)) {
				if (!claim.isLost()) {
					queue.release(claim, ids(lane.subList(i, lane.size())), Duration.ZERO);
				}
				break;
			}
			T item = lane.get(i);
			Attempt attempt = attempt(item, session);
			Outcome outcome = policy.outcome(item, attempt, queue.statuses(), Instant.now());
			outcomes.add(outcome);
			unrecorded.add(outcome);
			if (attempt.holdsLane()) {
				record(claim, unrecorded);
				queue.release(claim, ids(lane.subList(i + 1, lane.size())),
						outcome.retries() ? outcome.retryAfter() : Duration.ZERO);
				break;
			}
			if (System.nanoTime() - lastRecord >= recordInterval.toNanos()) {
				record(claim, unrecorded);
				lastRecord = System.nanoTime();
			}
		}
		record(claim, unrecorded);
		return outcomes;
	}

	/**
	 * One attempt in a client span of the trace that made the delivery due: what the
	 * session sends (an email's headers, a webhook's traceparent) and logs continues it.
	 */
	private Attempt attempt(T item, DeliverySession<T> session) {
		return traces.inSpan("deliver " + queue.name(), Span.Kind.CLIENT, item.traceParent(), () -> {
			Attempt attempt = session.attempt(item);
			Span span = traces.currentSpan();
			// tags cost strings on every attempt; only a sampled span keeps them
			if (!span.isNoop()) {
				span.tag("delivery.id", item.deliveryId().toString())
					.tag("delivery.attempt", String.valueOf(item.attempts()))
					.tag("delivery.result", attempt.result().name());
				if (attempt.code() != null) {
					span.tag("delivery.code", String.valueOf(attempt.code()));
				}
			}
			return attempt;
		});
	}

	private void record(Claim<T> claim, List<Outcome> unrecorded) {
		if (unrecorded.isEmpty()) {
			return;
		}
		int recorded = queue.record(claim, List.copyOf(unrecorded));
		if (recorded < unrecorded.size()) {
			log.warn("{} of {} outcomes not recorded: another claim took those deliveries after this one's lease",
					unrecorded.size() - recorded, unrecorded.size());
		}
		unrecorded.clear();
	}

	private static List<java.util.UUID> ids(List<? extends Queued> items) {
		return items.stream().map(Queued::deliveryId).toList();
	}

}
