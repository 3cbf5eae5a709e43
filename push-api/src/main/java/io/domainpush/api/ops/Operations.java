package io.domainpush.api.ops;

import java.util.Map;

import io.domainpush.api.common.Caller;
import io.domainpush.core.delivery.DeliveryQueue;
import io.domainpush.core.kafka.ConsumerLag;
import io.domainpush.core.kafka.ConsumerLagReader;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.push.Pushes;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the operator's Operations page shows, read now: consumer lag of each group in
 * records and seconds, the dead-letter topics, the queued pushes and the notifications
 * waiting; the same figures as {@code /api/v1/ops/consumer-lag} and the metrics. A broker
 * that does not answer within the lag timeout leaves those parts empty, not the page.
 */
@Service
class Operations {

	private final ConsumerLagReader reader;

	private final Pushes pushes;

	private final Notifications notifications;

	Operations(ConsumerLagReader reader, Pushes pushes, Notifications notifications) {
		this.reader = reader;
		this.pushes = pushes;
		this.notifications = notifications;
	}

	@Transactional(readOnly = true)
	Snapshot snapshot(Caller caller) {
		caller.requireOperator();
		return new Snapshot(lag(caller), deadLetters(), pushes.countQueued(), notifications.queue().waiting());
	}

	/**
	 * @return null when the broker did not answer in time
	 */
	ConsumerLag lag(Caller caller) {
		caller.requireOperator();
		try {
			return reader.read();
		}
		catch (IllegalStateException unanswered) {
			return null;
		}
	}

	private Map<String, Long> deadLetters() {
		try {
			return reader.deadLetters();
		}
		catch (IllegalStateException unanswered) {
			return null;
		}
	}

	record Snapshot(ConsumerLag lag, Map<String, Long> deadLetters, Pushes.Queued queued,
			DeliveryQueue.Waiting waiting) {
	}

}
