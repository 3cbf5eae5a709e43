package io.domainpush.core.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a preview of a push reads, in one query: the domain's own settings and counts, its
 * brand, and the default settings of both companies. Read only once the rules allow the
 * push (the gaining company's defaults are shown to a company it allowed).
 */
@Repository
public class PushPreviewRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	public PushPreviewRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The facts of a preview; {@code brandName} null with {@code brandSettings} for an
	 * unlabelled brand.
	 */
	public record Facts(Map<String, Object> domainSettings, Long brandId, String brandName,
			Map<String, Object> brandSettings, Map<String, Object> losingDefaults, Map<String, Object> gainingDefaults,
			int users, long messages, long messageBytes) {
	}

	public Optional<Facts> read(long domainId, long gainingCompanyId) {
		return readAll(new Long[] { domainId }, new Long[] { gainingCompanyId }).stream().findFirst();
	}

	/**
	 * The facts of each domain pushed to its gaining company, in one statement, in the
	 * order given (the worker reads those of a whole poll).
	 */
	public List<Facts> readAll(Long[] domainIds, Long[] gainingCompanyIds) {
		return jdbc
			.sql("""
					select d.settings::text as domain_settings, d.brand_id, b.name as brand_name,
					       b.settings::text as brand_settings, o.default_settings::text as losing_defaults,
					       g.default_settings::text as gaining_defaults, d.user_count, d.message_count, d.message_bytes
					  from unnest(cast(:domains as bigint[]), cast(:gainings as bigint[])) with ordinality as q(domain_id, gaining_id, n)
					  join domains d on d.domain_id = q.domain_id
					  join companies o on o.company_id = d.company_id
					  join companies g on g.company_id = q.gaining_id
					  left join brands b on b.brand_id = d.brand_id
					 order by q.n""")
			.param("domains", domainIds)
			.param("gainings", gainingCompanyIds)
			.query((rs, n) -> new Facts(settings(rs.getString("domain_settings")), rs.getObject("brand_id", Long.class),
					rs.getString("brand_name"),
					rs.getString("brand_settings") == null ? null : settings(rs.getString("brand_settings")),
					settings(rs.getString("losing_defaults")), settings(rs.getString("gaining_defaults")),
					rs.getInt("user_count"), rs.getLong("message_count"), rs.getLong("message_bytes")))
			.list();
	}

	private static Map<String, Object> settings(String json) {
		return json == null ? Map.of() : JSON.readValue(json, SETTINGS);
	}

}
