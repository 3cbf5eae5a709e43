package io.domainpush.api.brand;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.domainpush.api.web.JsonColumns;
import io.domainpush.api.web.PageRequest;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BrandRepository {

	private static final String COLUMNS = "brand_id, company_id, name, editable, settings::text as settings";

	private final JdbcClient jdbc;

	private final JsonColumns json;

	private final RowMapper<BrandView> mapper;

	BrandRepository(JdbcClient jdbc, JsonColumns json) {
		this.jdbc = jdbc;
		this.json = json;
		this.mapper = (rs, n) -> new BrandView(rs.getLong("brand_id"), rs.getLong("company_id"), rs.getString("name"),
				rs.getBoolean("editable"), json.read(rs.getString("settings")));
	}

	BrandView insert(long companyId, String name, Map<String, Object> settings) {
		return jdbc.sql(
				"insert into brands (company_id, name, settings) values (:company, :name, cast(:settings as jsonb)) returning "
						+ COLUMNS)
			.param("company", companyId)
			.param("name", name)
			.param("settings", json.write(settings))
			.query(mapper)
			.single();
	}

	public Optional<BrandView> find(long brandId) {
		return jdbc.sql("select " + COLUMNS + " from brands where brand_id = :id")
			.param("id", brandId)
			.query(mapper)
			.optional();
	}

	Optional<BrandView> lock(long brandId) {
		return jdbc.sql("select " + COLUMNS + " from brands where brand_id = :id for update")
			.param("id", brandId)
			.query(mapper)
			.optional();
	}

	public List<BrandView> list(long companyId, PageRequest page) {
		return jdbc
			.sql("select " + COLUMNS
					+ " from brands where company_id = :company order by brand_id limit :limit offset :offset")
			.param("company", companyId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(mapper)
			.list();
	}

	void update(long brandId, String name, Map<String, Object> settings) {
		jdbc.sql(
				"update brands set name = coalesce(:name, name), settings = coalesce(cast(:settings as jsonb), settings) where brand_id = :id")
			.param("id", brandId)
			.param("name", name)
			.param("settings", settings == null ? null : json.write(settings))
			.update();
	}

}
