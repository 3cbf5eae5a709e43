package io.domainpush.core.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/** Lets writers wake the relay at once instead of waiting for its next poll. */
@Component
public class OutboxSignal {

	private final Semaphore pending = new Semaphore(0);

	void wake() {
		if (pending.availablePermits() == 0) {
			pending.release();
		}
	}

	void await(Duration timeout) throws InterruptedException {
		if (pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			pending.drainPermits();
		}
	}

}
