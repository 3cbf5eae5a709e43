package io.domainpush.core.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.domainpush.core.push.PushStatus;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@link PushFacts}, the one query behind every check of the push rules: for one
 * push (the API), for a batch with one gaining company (bulk migrations), and for the
 * pushes a worker has locked (each with its own gaining company). One round trip whatever
 * the number of domains.
 */
@Repository
public class PushFactsRepository {

	/**
	 * R3: the gaining company {@code g} allowed the losing company (an SQL expression).
	 */
	private static final String ALLOWS = """
			exists (select 1 from push_allowances a where a.gaining_company_id = g.company_id and a.losing_company_id = %s)""";

	static final String FACTS = """
			select d.domain_id, q.name, d.company_id as owner_id, o.cluster as owner_cluster, o.name as owner_name,
			       d.brand_id, coalesce(d.user_count, 0) as user_count,
			       g.company_id as gaining_id, g.cluster as gaining_cluster, g.name as gaining_name,
			       g.notification_email as gaining_email,
			       %s as allowed,
			       exists (select 1 from pushes p where p.domain_id = d.domain_id and p.%s) as queued,
			       case when d.held_until > now() then d.held_until end as held_until,
			       g.push_accept = :approve as approves
			  from unnest(cast(:names as text[]), cast(:gainings as bigint[])) with ordinality as q(name, gaining_id, n)
			  left join domains d on d.name = q.name
			  left join companies o on o.company_id = d.company_id
			  left join companies g on g.company_id = q.gaining_id and g.deleted_at is null
			 order by q.n""".formatted(ALLOWS.formatted("d.company_id"), PushStatus.OPEN_PREDICATE);

	private static final RowMapper<PushFacts> MAPPER = (rs, n) -> new PushFacts(rs.getObject("domain_id", Long.class),
			rs.getString("name"), rs.getObject("owner_id", Long.class), rs.getString("owner_cluster"),
			rs.getString("owner_name"), rs.getObject("brand_id", Long.class), rs.getInt("user_count"),
			rs.getObject("gaining_id", Long.class), rs.getString("gaining_cluster"), rs.getString("gaining_name"),
			rs.getString("gaining_email"), rs.getBoolean("allowed"), rs.getBoolean("queued"),
			instant(rs.getObject("held_until", OffsetDateTime.class)), rs.getBoolean("approves"));

	private final JdbcClient jdbc;

	public PushFactsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PushFacts read(String domain, long gainingCompanyId) {
		return read(List.of(domain), gainingCompanyId).get(0);
	}

	/** The facts of each domain, in the order given, all pushed to one company. */
	public List<PushFacts> read(List<String> domains, long gainingCompanyId) {
		return read(domains, Collections.nCopies(domains.size(), gainingCompanyId));
	}

	/** The facts of each domain and its own gaining company, in the order given. */
	public List<PushFacts> read(List<String> domains, List<Long> gainingCompanyIds) {
		return jdbc.sql(FACTS)
			.param("names", domains.toArray(String[]::new))
			.param("gainings", gainingCompanyIds.toArray(Long[]::new))
			.param("approve", AcceptMode.APPROVE.name())
			.query(MAPPER)
			.list();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	/**
	 * Whether the gaining company approves each push ({@link AcceptMode#APPROVE}); false
	 * when it does not exist.
	 */
	public boolean approvesEachPush(long gainingCompanyId) {
		return jdbc.sql("select push_accept = :approve from companies where company_id = :id and deleted_at is null")
			.param("approve", AcceptMode.APPROVE.name())
			.param("id", gainingCompanyId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Whether the gaining company allowed the losing one (R3), before any domain is
	 * looked at (a bulk migration); empty when the gaining company does not exist.
	 */
	public Optional<Boolean> allows(long gainingCompanyId, Long losingCompanyId) {
		return jdbc
			.sql("select " + ALLOWS.formatted(":losing")
					+ " from companies g where g.company_id = :gaining and g.deleted_at is null")
			.param("gaining", gainingCompanyId)
			.param("losing", losingCompanyId)
			.query(Boolean.class)
			.optional();
	}

}
