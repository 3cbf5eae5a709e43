package io.domainpush.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps pushes flowing while faults are injected: a batch of {@code batchSize} domains of
 * a prefix every 500 ms, through the given push-api instances in turn (as a load balancer
 * would), falling back to the next when one does not answer. Every accepted push is
 * remembered for the invariants.
 */
final class BatchStream implements AutoCloseable {

	private final FaultLab lab;

	private final List<Api> apis;

	private final String prefix;

	private final int domains;

	private final int batchSize;

	private final Thread thread;

	final AtomicInteger submitted = new AtomicInteger();

	final AtomicInteger unanswered = new AtomicInteger();

	private volatile boolean stop;

	private int next = 1;

	BatchStream(FaultLab lab, List<Api> apis, String prefix, int domains, int batchSize) {
		this.lab = lab;
		this.apis = apis;
		this.prefix = prefix;
		this.domains = domains;
		this.batchSize = batchSize;
		this.thread = new Thread(this::feed, "stream-" + prefix);
	}

	BatchStream start() {
		thread.start();
		return this;
	}

	private void feed() {
		int turn = 0;
		while (!stop && next + batchSize - 1 <= domains) {
			String body = Fixtures.batchBody(lab.gaining, prefix, next, batchSize);
			next += batchSize;
			for (int i = 0; i < apis.size(); i++) {
				Api api = apis.get((turn + i) % apis.size());
				try {
					lab.remember(api.post("/api/v1/push-batches", body).get("batch_id").asString());
					submitted.incrementAndGet();
					break;
				}
				catch (Exception ex) {
					// this instance is down, or slow past the client's timeout (or the
					// other
					// took the batch before dying): a domain already queued is refused up
					// front the second time, never pushed twice
					unanswered.incrementAndGet();
				}
			}
			turn++;
			try {
				Thread.sleep(500); // the stream's pace
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop = true;
		thread.join(TimeUnit.SECONDS.toMillis(60));
	}

}
