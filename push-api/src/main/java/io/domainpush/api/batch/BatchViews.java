package io.domainpush.api.batch;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.web.Page;

final class BatchViews {

	private BatchViews() {
	}

	/**
	 * The answer to a submission: what was accepted, the refusals counted by code, and
	 * the first page of refused domains with why ({@code GET
	 * /push-batches/{id}/rejections} pages through all of them).
	 */
	record Submitted(UUID batchId, int total, int accepted, int rejected, Map<String, Integer> rejectedByCode,
			Page<Rejection> rejections) {
	}

	record Rejection(String domain, String code) {
	}

	/**
	 * Progress of a batch. {@code rejected} counts refusals up front and by the worker;
	 * {@code pending} every push not ended (of which {@code awaitingApproval} wait for
	 * the gaining company's answer and {@code scheduled} for their time);
	 * {@code finishedAt} is set once nothing is pending. At every moment completed +
	 * rejected + cancelled + failed + declined + expired + pending = total.
	 */
	record Progress(UUID batchId, long gainingCompanyId, int total, int accepted, long pending, long awaitingApproval,
			long scheduled, long completed, long rejected, long cancelled, long failed, long declined, long expired,
			OffsetDateTime submittedAt, OffsetDateTime finishedAt) {
	}

}
