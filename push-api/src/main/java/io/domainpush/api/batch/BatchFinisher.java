package io.domainpush.api.batch;

import io.domainpush.core.loop.BackgroundLoop;
import io.domainpush.core.push.Batches;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code push.api.batches.finish-sweep.interval}, finishes the batches that have
 * nothing ACCEPTED left but were not finished by the transaction that ended their last
 * push. Rows are claimed with {@code SKIP LOCKED}: several push-api instances can run it
 * side by side.
 */
@Component
class BatchFinisher extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(BatchFinisher.class);

	private final Batches batches;

	private final TransactionTemplate transaction;

	private final BatchFinishProperties properties;

	BatchFinisher(Batches batches, TransactionTemplate transaction, BatchFinishProperties properties) {
		super("batch-finisher", Schedule.every(properties.interval()).firstRoundAfterInterval());
		this.batches = batches;
		this.transaction = transaction;
		this.properties = properties;
	}

	/**
	 * @return how many batches were finished
	 */
	int finishStragglers() {
		Integer finished = transaction.execute(status -> batches.finishStragglers(properties.batchSize()));
		return finished == null ? 0 : finished;
	}

	@Override
	protected boolean round() {
		int finished = finishStragglers();
		if (finished > 0) {
			log.info("Finished {} batch(es) whose last pushes ended at the same moment", finished);
		}
		return finished == properties.batchSize();
	}

}
