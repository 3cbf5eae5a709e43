package io.domainpush.api.push;

import java.time.Duration;

import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.push.Pushes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every ACCEPTED push must end in a terminal state even if its request record is lost in
 * Kafka: pushes whose request is older than {@code push.api.recovery.after} are requested
 * again through the outbox (see {@link RecoveryProperties}). Rows are claimed with
 * {@code SKIP LOCKED}: several push-api instances can run it side by side, and a push the
 * worker is applying right now is left alone.
 */
@Component
class RequestRecovery extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(RequestRecovery.class);

	private final Pushes pushes;

	private final TransactionTemplate transaction;

	private final RecoveryProperties properties;

	private final Counter republished;

	RequestRecovery(Pushes pushes, TransactionTemplate transaction, RecoveryProperties properties,
			MeterRegistry registry) {
		super("request-recovery", Schedule.every(properties.interval()).firstRoundAfterInterval());
		this.pushes = pushes;
		this.transaction = transaction;
		this.properties = properties;
		this.republished = Counter.builder("push.requests.republished")
			.description("Requests of ACCEPTED pushes published again because theirs was not consumed in time")
			.register(registry);
	}

	/**
	 * Requests again the pushes whose last request is older than {@code age}; @return how
	 * many
	 */
	int requestAgainOlderThan(Duration age) {
		Integer count = transaction.execute(status -> pushes.requestAgain(age, properties.batchSize()));
		int requested = count == null ? 0 : count;
		if (requested > 0) {
			republished.increment(requested);
			log.warn("Requested {} ACCEPTED push(es) again: their requests were not consumed within {}", requested,
					age);
		}
		return requested;
	}

	@Override
	protected boolean round() {
		return requestAgainOlderThan(properties.after()) == properties.batchSize();
	}

}
