package io.domainpush.api.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.domainpush.api.web.JsonColumns;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The domains' SQL against the real PostgreSQL (a fresh, migrated database; only the
 * repository and what it needs in the context): provisioning writes the counters its rows
 * add up to, a search matches SQL's wildcards literally and pages in name order, and a
 * brand is set only while the caller's company still owns the domain.
 */
@SpringJUnitConfig({ DomainRepository.class, JsonColumns.class, DomainRepositoryTests.Database.class })
class DomainRepositoryTests {

	@Autowired
	private DomainRepository domains;

	@Autowired
	private JdbcClient db;

	@Test
	void shouldWriteTheCountersItsUsersAndMessagesAddUpTo() {
		long company = company();
		String name = unique("count");
		long id = domains.insert(company, name, null, Map.of(), List.of(user("a", 100, 200), user("b", 50), user("c")),
				LocalDate.of(2027, 1, 1));
		DomainRepository.DomainRow row = domains.find(name).orElseThrow();
		assertThat(row.userCount()).isEqualTo(3);
		assertThat(row.messageCount()).isEqualTo(3);
		assertThat(row.messageBytes()).isEqualTo(350);
		assertThat(domains.users(id, new PageRequest(0, 10)))
			.extracting(DomainViews.UserView::mailbox, DomainViews.UserView::messageCount,
					DomainViews.UserView::messageBytes)
			.containsExactly(tuple("a", 2L, 300L), tuple("b", 1L, 50L), tuple("c", 0L, 0L));
		assertThat(domains.billing(id)).extracting(DomainViews.BillingPeriod::startsOn)
			.containsExactly(LocalDate.of(2027, 1, 1));
	}

	@Test
	void shouldMatchWildcardsOfSqlLiterallyAndPageInNameOrder() {
		long company = company();
		String prefix = unique("p");
		for (String name : List.of("50%_off", "50x-off", "a-shop", "b-shop", "c-shop")) {
			domains.insert(company, prefix + "-" + name + ".example", null, Map.of(), List.of(), LocalDate.now());
		}
		DomainSearch literal = DomainSearch.containing("50%_");
		assertThat(domains.list(company, literal, 0, 10)).extracting(DomainViews.DomainSummary::name)
			.containsExactly(prefix + "-50%_off.example");
		assertThat(domains.count(company, literal)).isEqualTo(1);
		DomainSearch shops = DomainSearch.wildcard(prefix + "-*-shop.example", true);
		assertThat(domains.list(company, shops, 0, 2)).extracting(DomainViews.DomainSummary::name)
			.containsExactly(prefix + "-c-shop.example", prefix + "-b-shop.example");
		assertThat(domains.list(company, shops, 2, 2)).extracting(DomainViews.DomainSummary::name)
			.containsExactly(prefix + "-a-shop.example");
		assertThat(domains.count(company, shops)).isEqualTo(3);
		assertThat(domains.list(company(), shops, 0, 10)).as("another company's domains").isEmpty();
	}

	@Test
	void shouldCountThePrefixOfAPatternAsARangeOfThePatternIndexUnderAnyCollation() {
		long company = company();
		db.sql("""
				insert into domains (name, company_id)
				select 'pfx' || :company || '-' || g || '.example', :company from generate_series(1, 3000) g""")
			.param("company", company)
			.update();
		db.sql("analyze domains").update();
		DomainSearch prefix = DomainSearch.wildcard("pfx" + company + "-12*", false);
		assertThat(domains.count(company, prefix)).as("12, 120-129, 1200-1299").isEqualTo(111);
		List<String> inNameOrder = db.sql("""
				select name from domains where company_id = :company and name like :pattern
				 order by name offset 100 limit 5""")
			.param("company", company)
			.param("pattern", prefix.namePattern())
			.query(String.class)
			.list();
		assertThat(inNameOrder).hasSize(5);
		assertThat(domains.list(company, prefix, 100, 5)).extracting(DomainViews.DomainSummary::name)
			.as("deep in the matches, in name order")
			.containsExactlyElementsOf(inNameOrder);
		String plan = String.join("\n",
				db.sql("explain select count(*) from domains where company_id = :company" + prefix.nameCondition())
					.param("company", company)
					.param("pattern", prefix.namePattern())
					.query(String.class)
					.list());
		assertThat(plan).contains("domains_company_name_pattern_idx").contains("~>=~").contains("~<~");
	}

	@Test
	void shouldSetABrandOnlyWhileTheCompanyStillOwnsTheDomain() {
		long owner = company();
		long other = company();
		String name = unique("brand");
		long id = domains.insert(owner, name, null, Map.of(), List.of(), LocalDate.now());
		long brand = db.sql("insert into brands (company_id, name) values (:c, 'B') returning brand_id")
			.param("c", owner)
			.query(Long.class)
			.single();
		assertThat(domains.assignBrand(id, other, brand)).isFalse();
		assertThat(domains.find(name).orElseThrow().brandId()).isNull();
		assertThat(domains.assignBrand(id, owner, brand)).isTrue();
		assertThat(domains.find(name).orElseThrow().brandId()).isEqualTo(brand);
	}

	private long company() {
		return db.sql("insert into companies (name, cluster) values ('C', 'a') returning company_id")
			.query(Long.class)
			.single();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
	}

	private static DomainRequests.NewUser user(String mailbox, long... messageSizes) {
		List<DomainRequests.NewMessage> messages = Arrays.stream(messageSizes)
			.mapToObj((size) -> new DomainRequests.NewMessage("INBOX", "hello", size))
			.toList();
		return new DomainRequests.NewUser(mailbox, Map.of(), messages);
	}

	@Configuration(proxyBeanMethods = false)
	static class Database {

		@Bean
		DataSource dataSource() {
			DataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			return dataSource;
		}

		@Bean
		JdbcClient jdbcClient(DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

}
