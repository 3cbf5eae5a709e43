package io.domainpush.api.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.domainpush.api.web.JsonColumns;
import io.domainpush.api.web.Keyset;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.paging.PageClauses;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DomainRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JsonColumns json;

	DomainRepository(JdbcClient jdbc, JdbcTemplate template, JsonColumns json) {
		this.jdbc = jdbc;
		this.template = template;
		this.json = json;
	}

	boolean exists(String name) {
		return jdbc.sql("select exists (select 1 from domains where name = :name)")
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Inserts the domain, its users and their messages with batched statements; counters
	 * are written once here.
	 */
	long insert(long companyId, String name, Long brandId, Map<String, Object> settings,
			List<DomainRequests.NewUser> users, LocalDate billingStart) {
		long messageCount = 0;
		long messageBytes = 0;
		for (DomainRequests.NewUser user : users) {
			for (DomainRequests.NewMessage message : messages(user)) {
				messageCount++;
				// bounded per message and per request; addExact refuses what would still
				// overflow
				messageBytes = Math.addExact(messageBytes, message.sizeBytes());
			}
		}
		long domainId = jdbc
			.sql("""
					insert into domains (name, company_id, brand_id, settings, user_count, message_count, message_bytes)
					values (:name, :company, :brand, cast(:settings as jsonb), :users, :messages, :bytes) returning domain_id""")
			.param("name", name)
			.param("company", companyId)
			.param("brand", brandId)
			.param("settings", json.write(settings))
			.param("users", users.size())
			.param("messages", messageCount)
			.param("bytes", messageBytes)
			.query(Long.class)
			.single();
		List<Object[]> userRows = new ArrayList<>(users.size());
		for (DomainRequests.NewUser user : users) {
			userRows.add(new Object[] { domainId, user.mailbox(), json.write(user.settings()) });
		}
		template.batchUpdate("insert into users (domain_id, mailbox, settings) values (?, ?, cast(? as jsonb))",
				userRows);
		List<Object[]> messageRows = new ArrayList<>();
		List<Long> userIds = jdbc.sql("select user_id from users where domain_id = :id order by user_id")
			.param("id", domainId)
			.query(Long.class)
			.list();
		for (int i = 0; i < users.size(); i++) {
			for (DomainRequests.NewMessage message : messages(users.get(i))) {
				messageRows
					.add(new Object[] { userIds.get(i), message.folder(), message.subject(), message.sizeBytes() });
			}
		}
		template.batchUpdate("insert into messages (user_id, folder, subject, size_bytes) values (?, ?, ?, ?)",
				messageRows);
		jdbc.sql("insert into billing_periods (domain_id, company_id, starts_on) values (:domain, :company, :start)")
			.param("domain", domainId)
			.param("company", companyId)
			.param("start", billingStart)
			.update();
		return domainId;
	}

	private static List<DomainRequests.NewMessage> messages(DomainRequests.NewUser user) {
		return user.messages() == null ? List.of() : user.messages();
	}

	Optional<DomainRow> find(String name) {
		return jdbc.sql("""
				select d.domain_id, d.name, d.company_id, c.cluster, d.brand_id, d.settings::text as settings,
				       c.default_settings::text as defaults, d.user_count, d.message_count, d.message_bytes
				  from domains d join companies c on c.company_id = d.company_id where d.name = :name""")
			.param("name", name)
			.query((rs, n) -> new DomainRow(rs.getLong("domain_id"), rs.getString("name"), rs.getLong("company_id"),
					rs.getString("cluster"), rs.getObject("brand_id", Long.class), json.read(rs.getString("settings")),
					json.read(rs.getString("defaults")), rs.getInt("user_count"), rs.getLong("message_count"),
					rs.getLong("message_bytes")))
			.optional();
	}

	/** A company's domains by name (REST and console lists); names are unique. */
	private static final Keyset BY_NAME = new Keyset(List.of("name"), false, cursor -> List.of(cursor.text(0)));

	/**
	 * A page of the company's domains containing the search, by name: at any depth along
	 * the (company, name) index when asked for by cursor; by page number, its offset
	 * walked over names alone ({@link Keyset#select}).
	 */
	List<DomainViews.DomainSummary> page(long companyId, DomainSearch search, PageRequest page) {
		String sql = BY_NAME.select("name, company_id, brand_id, user_count, message_count, message_bytes", "domains",
				"company_id = :company" + search.nameCondition(), page);
		return BY_NAME.inOrder(BY_NAME.bind(jdbc.sql(sql), page)
			.param("company", companyId)
			.param("pattern", search.namePattern())
			.query(DomainViews.DomainSummary.class)
			.list(), page);
	}

	/**
	 * The company's domains matching {@code search}, in its order, from {@code offset}
	 * (OMA's {@code range.first}, which has no other way to page). The offset is walked
	 * over the names alone, in the (company, name) index without reading a row, and only
	 * the page's rows are read: a page deep in 300,000 domains read each domain it
	 * skipped (460 ms for the last page; 20 ms this way).
	 */
	List<DomainViews.DomainSummary> list(long companyId, DomainSearch search, long offset, int limit) {
		String order = " order by name" + (search.descending() ? " desc" : "");
		PageClauses page = new PageClauses(order + " limit :limit offset :offset", order,
				Map.of("limit", limit, "offset", offset), "name");
		return jdbc
			.sql(page.select("name, company_id, brand_id, user_count, message_count, message_bytes", "domains",
					"company_id = :company" + search.nameCondition()))
			.params(page.parameters())
			.param("company", companyId)
			.param("pattern", search.namePattern())
			.query(DomainViews.DomainSummary.class)
			.list();
	}

	long count(long companyId, DomainSearch search) {
		return jdbc.sql("select count(*) from domains where company_id = :company" + search.nameCondition())
			.param("company", companyId)
			.param("pattern", search.namePattern())
			.query(Long.class)
			.single();
	}

	List<DomainViews.UserView> users(long domainId, PageRequest page) {
		return jdbc.sql("""
				select u.user_id, u.mailbox, u.settings::text as settings,
				       count(m.message_id) as message_count, coalesce(sum(m.size_bytes), 0) as message_bytes
				  from users u left join messages m on m.user_id = u.user_id
				 where u.domain_id = :domain group by u.user_id order by u.mailbox limit :limit offset :offset""")
			.param("domain", domainId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query((rs, n) -> new DomainViews.UserView(rs.getLong("user_id"), rs.getString("mailbox"),
					json.read(rs.getString("settings")), rs.getLong("message_count"), rs.getLong("message_bytes")))
			.list();
	}

	/**
	 * Sets the domain's brand only while {@code owner} still owns it: a push committed
	 * since the caller read the domain makes this change nothing (after waiting for the
	 * push's row lock, PostgreSQL re-checks the condition against the pushed row).
	 * @return whether the brand was set
	 */
	boolean assignBrand(long domainId, long owner, Long brandId) {
		return jdbc.sql("update domains set brand_id = :brand where domain_id = :id and company_id = :owner")
			.param("brand", brandId)
			.param("id", domainId)
			.param("owner", owner)
			.update() == 1;
	}

	List<DomainViews.BillingPeriod> billing(long domainId) {
		return jdbc.sql("""
				select company_id, starts_on, ends_on from billing_periods where domain_id = :id
				 order by starts_on, billing_period_id""")
			.param("id", domainId)
			.query(DomainViews.BillingPeriod.class)
			.list();
	}

	record DomainRow(long domainId, String name, long companyId, String cluster, Long brandId,
			Map<String, Object> settings, Map<String, Object> ownerDefaults, int userCount, long messageCount,
			long messageBytes) {
	}

}
