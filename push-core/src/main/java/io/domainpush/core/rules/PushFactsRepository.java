package io.domainpush.core.rules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@link PushFacts} for one domain in one round trip (the worker reads them for a
 * batch, under lock).
 */
@Repository
public class PushFactsRepository {

	private static final String FACTS = """
			select d.domain_id, d.company_id as owner_id, o.cluster as owner_cluster,
			       g.company_id as gaining_id, g.cluster as gaining_cluster,
			       exists (select 1 from push_allowances a
			                where a.gaining_company_id = g.company_id and a.losing_company_id = d.company_id) as allowed
			  from (select :domain as name) q
			  left join domains d on d.name = q.name
			  left join companies o on o.company_id = d.company_id
			  left join companies g on g.company_id = :gaining and g.deleted_at is null
			""";

	private final JdbcClient jdbc;

	public PushFactsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PushFacts read(String domain, long gainingCompanyId) {
		return query(domain, gainingCompanyId);
	}

	private PushFacts query(String domain, long gainingCompanyId) {
		return jdbc.sql(FACTS)
			.param("domain", domain)
			.param("gaining", gainingCompanyId)
			.query((rs, n) -> new PushFacts(rs.getObject("domain_id", Long.class), rs.getObject("owner_id", Long.class),
					rs.getString("owner_cluster"), rs.getObject("gaining_id", Long.class),
					rs.getString("gaining_cluster"), rs.getBoolean("allowed")))
			.single();
	}

}
