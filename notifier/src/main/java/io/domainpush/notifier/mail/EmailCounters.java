package io.domainpush.notifier.mail;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.domainpush.core.delivery.Outcome;
import io.domainpush.core.delivery.Statuses;
import io.domainpush.core.notification.NotificationStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What the attempts at emails and digests did, as counted in
 * {@code push_emails_total{status}}.
 */
@Component
class EmailCounters {

	private final Map<Delivery, Counter> counters = new EnumMap<>(Delivery.class);

	EmailCounters(MeterRegistry registry) {
		for (Delivery delivery : Delivery.values()) {
			counters.put(delivery,
					Counter.builder("push.emails")
						.description("Notification attempts by outcome")
						.tag("status", delivery.name())
						.register(registry));
		}
	}

	void count(List<Outcome> outcomes) {
		for (Outcome outcome : outcomes) {
			counters.get(Delivery.of(outcome)).increment();
		}
	}

	/** A push whose event arrived after its notification was attempted already. */
	void countAlreadyDone(int pushes) {
		counters.get(Delivery.ALREADY_DONE).increment(pushes);
	}

	enum Delivery {

		SENT, SKIPPED, FAILED, RETRY, ALREADY_DONE;

		static Delivery of(Outcome outcome) {
			if (outcome.sent()) {
				return SENT;
			}
			if (Statuses.PENDING.equals(outcome.status())) {
				return RETRY;
			}
			return NotificationStatus.FAILED.name().equals(outcome.status()) ? FAILED : SKIPPED;
		}

	}

}
