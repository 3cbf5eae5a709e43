package io.domainpush.core.loop;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets other threads wake a {@link BackgroundLoop} at once instead of at its next
 * interval. Wake-ups that arrive while the loop is busy are folded into one.
 */
public class Wakeup {

	private final Semaphore pending = new Semaphore(0);

	public void wake() {
		if (pending.availablePermits() == 0) {
			pending.release();
		}
	}

	/**
	 * @return whether someone woke it before {@code timeout} passed
	 */
	boolean await(Duration timeout) throws InterruptedException {
		if (pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			pending.drainPermits();
			return true;
		}
		return false;
	}

}
