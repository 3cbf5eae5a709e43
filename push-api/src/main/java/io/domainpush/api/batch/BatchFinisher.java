package io.domainpush.api.batch;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.domainpush.core.push.Batches;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code push.api.batches.finish-sweep.interval}, finishes the batches that have
 * nothing ACCEPTED left but were not finished by the transaction that ended their last
 * push. Rows are claimed with {@code SKIP LOCKED}: several push-api instances can run it
 * side by side.
 */
@Component
class BatchFinisher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BatchFinisher.class);

	private final Batches batches;

	private final TransactionTemplate transaction;

	private final TaskScheduler scheduler;

	private final BatchFinishProperties properties;

	private volatile ScheduledFuture<?> task;

	BatchFinisher(Batches batches, TransactionTemplate transaction, TaskScheduler scheduler,
			BatchFinishProperties properties) {
		this.batches = batches;
		this.transaction = transaction;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	/**
	 * @return how many batches were finished
	 */
	int finishStragglers() {
		Integer finished = transaction.execute(status -> batches.finishStragglers(properties.batchSize()));
		return finished == null ? 0 : finished;
	}

	private void sweep() {
		try {
			int finished;
			do {
				finished = finishStragglers();
				if (finished > 0) {
					log.info("Finished {} batch(es) whose last pushes ended at the same moment", finished);
				}
			}
			while (finished == properties.batchSize());
		}
		catch (RuntimeException ex) {
			log.warn("Finished batches not swept: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		task = scheduler.scheduleWithFixedDelay(this::sweep, Instant.now().plus(properties.interval()),
				properties.interval());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = task;
		if (current != null) {
			current.cancel(false);
		}
		task = null;
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}

}
