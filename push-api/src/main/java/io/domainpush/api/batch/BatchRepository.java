package io.domainpush.api.batch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The batch rows and their refusals up front; the batch's pushes are push-core's
 * ({@code Pushes}).
 */
@Repository
class BatchRepository {

	private final JdbcClient jdbc;

	BatchRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID batchId, long gainingCompanyId, Long submitterCompanyId, UUID submittedBy, int total, Instant at) {
		jdbc.sql("""
				insert into push_batches (batch_id, gaining_company_id, submitter_company_id, submitted_by, total,
				                          accepted, rejected, submitted_at)
				values (:id, :gaining, :submitter, :by, :total, 0, 0, :at)""")
			.param("id", batchId)
			.param("gaining", gainingCompanyId)
			.param("submitter", submitterCompanyId)
			.param("by", submittedBy)
			.param("total", total)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * How many domains were accepted, and the refusals up front, kept for the batch's
	 * progress.
	 */
	void recordOutcome(UUID batchId, int accepted, List<Refusal> refused) {
		if (!refused.isEmpty()) {
			jdbc.sql("""
					insert into push_batch_rejections (batch_id, position, domain, code)
					select :batch, p, d, c from unnest(:positions, :domains, :codes) as r(p, d, c)""")
				.param("batch", batchId)
				.param("positions", refused.stream().map(Refusal::position).toArray(Integer[]::new))
				.param("domains", refused.stream().map(Refusal::domain).toArray(String[]::new))
				.param("codes", refused.stream().map(Refusal::code).toArray(String[]::new))
				.update();
		}
		jdbc.sql("update push_batches set accepted = :a, rejected = :r where batch_id = :id")
			.param("a", accepted)
			.param("r", refused.size())
			.param("id", batchId)
			.update();
	}

	Optional<Batch> find(UUID batchId) {
		return jdbc.sql("""
				select batch_id, gaining_company_id, submitter_company_id, total, accepted, rejected, submitted_at
				  from push_batches where batch_id = :id""").param("id", batchId).query(Batch.class).optional();
	}

	List<BatchViews.Rejection> rejections(UUID batchId, PageRequest page) {
		return jdbc.sql("""
				select domain, code from push_batch_rejections where batch_id = :id order by position
				 limit :limit offset :offset""")
			.param("id", batchId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(BatchViews.Rejection.class)
			.list();
	}

	/**
	 * Every domain of the batch with its outcome: the pushes (with their status and
	 * reason) and the refusals up front, in one pass over each (a batch holds up to
	 * 100,000).
	 */
	void results(UUID batchId, Consumer<Result> row) {
		try (Stream<Result> pushes = jdbc.sql("""
				select p.domain_name, p.status, coalesce(p.reason, ''), h.users_moved, h.messages_moved, h.bytes_moved,
				       (select string_agg(c ->> 'key', ';') from jsonb_array_elements(h.settings_changed) c)
				  from pushes p left join push_history h using (push_id)
				 where p.batch_id = :id order by p.domain_name""")
			.param("id", batchId)
			.query((rs, n) -> new Result(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, Integer.class), rs.getObject(5, Long.class), rs.getObject(6, Long.class),
					rs.getString(7)))
			.stream()) {
			pushes.forEach(row);
		}
		try (Stream<Result> refusals = jdbc
			.sql("select domain, code from push_batch_rejections where batch_id = :id order by position")
			.param("id", batchId)
			.query((rs, n) -> new Result(rs.getString(1), "REFUSED", rs.getString(2), null, null, null, null))
			.stream()) {
			refusals.forEach(row);
		}
	}

	/**
	 * A domain of the batch and its outcome; for a completed push, what it moved (the
	 * keys of the settings that changed separated by ';').
	 */
	record Result(String domain, String outcome, String reason, Integer usersMoved, Long messagesMoved, Long bytesMoved,
			String settingsChanged) {
	}

	record Batch(UUID batchId, long gainingCompanyId, Long submitterCompanyId, int total, int accepted, int rejected,
			OffsetDateTime submittedAt) {
	}

	/** A line of the batch refused up front, with its position in the submitted list. */
	record Refusal(int position, String domain, String code) {

		BatchViews.Rejection view() {
			return new BatchViews.Rejection(domain, code);
		}

	}

}
