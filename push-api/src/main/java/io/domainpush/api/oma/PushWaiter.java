package io.domainpush.api.oma;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.domainpush.api.push.PushService;
import io.domainpush.api.push.PushView;
import io.domainpush.core.push.PushStatus;
import io.domainpush.api.common.Caller;

import org.springframework.stereotype.Component;

/**
 * Waits, up to a deadline, for a push to reach its end, by reading it again with a
 * growing pause (10 ms, doubling up to 200 ms: a push is applied in tens of milliseconds
 * at light load). At most {@code max-waiting-calls} wait at once; beyond, the push is
 * answered as it is.
 */
@Component
class PushWaiter {

	private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(200);

	private final PushService pushes;

	private final Semaphore waiting;

	PushWaiter(PushService pushes, OmaProperties properties) {
		this.pushes = pushes;
		this.waiting = new Semaphore(properties.maxWaitingCalls());
	}

	PushView awaitEnd(Caller caller, PushView push, Duration timeout) {
		if (push.status() != PushStatus.ACCEPTED || !waiting.tryAcquire()) {
			return push;
		}
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			long pause = FIRST_PAUSE;
			PushView current = push;
			// a push waiting for its approval or its time does not end within a call
			while (current.status() == PushStatus.ACCEPTED) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return current;
				}
				LockSupport.parkNanos(Math.min(pause, left));
				if (Thread.currentThread().isInterrupted()) {
					return current;
				}
				pause = Math.min(pause * 2, LONGEST_PAUSE);
				current = pushes.get(caller, push.pushId());
			}
			return current;
		}
		finally {
			waiting.release();
		}
	}

}
