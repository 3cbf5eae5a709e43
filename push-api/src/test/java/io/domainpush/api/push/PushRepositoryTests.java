package io.domainpush.api.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.domainpush.api.push.PushRepository.Direction;
import io.domainpush.api.push.PushRepository.PushFilter;
import io.domainpush.api.push.PushRepository.StoredPush;
import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side of pushes against the real PostgreSQL: which pushes a company sees in
 * each direction, filtered and paged newest first, with the gaining company's
 * notification and never the losing side's notice.
 */
class PushRepositoryTests {

	private static JdbcClient db;

	private static PushRepository repository;

	private static long a;

	private static long b;

	private static long c;

	/** A to B, completed and mailed; the oldest. */
	private static UUID aToB;

	private static UUID bToA;

	private static UUID aToC;

	/** Neither side is A; the newest. */
	private static UUID cToB;

	@BeforeAll
	static void fourPushesBetweenThreeCompanies() {
		DataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		db = JdbcClient.create(dataSource);
		repository = new PushRepository(db);
		a = company("A");
		b = company("B");
		c = company("C");
		aToB = push(a, b, "COMPLETED", 1);
		bToA = push(b, a, "REJECTED", 2);
		aToC = push(a, c, "ACCEPTED", 3);
		cToB = push(c, b, "COMPLETED", 4);
		notification(aToB, "GAINING", "SENT", "noc@b.example");
		notification(aToB, "LOSING", "FAILED", "noc@a.example");
	}

	@Test
	void shouldListEachDirectionOfACompanyNewestFirst() {
		assertThat(ids(a, filter(Direction.OUTGOING), 0, 10)).containsExactly(aToC, aToB);
		assertThat(ids(a, filter(Direction.INCOMING), 0, 10)).containsExactly(bToA);
		assertThat(ids(a, filter(Direction.BOTH), 0, 10)).containsExactly(aToC, bToA, aToB);
		assertThat(ids(a, filter(null), 0, 10)).as("no direction: both").containsExactly(aToC, bToA, aToB);
		assertThat(ids(null, filter(null), 0, 10)).as("the operator").containsExactly(cToB, aToC, bToA, aToB);
	}

	@Test
	void shouldFilterByStatusAndDomain() {
		assertThat(ids(a, new PushFilter(null, PushStatus.COMPLETED, null, Direction.BOTH), 0, 10))
			.containsExactly(aToB);
		assertThat(ids(null, new PushFilter(domainOf(bToA), null, null, null), 0, 10)).containsExactly(bToA);
		assertThat(ids(a, new PushFilter(domainOf(bToA), null, null, null), 0, 10)).as("either side of it")
			.containsExactly(bToA);
		assertThat(ids(a, new PushFilter(domainOf(bToA), null, null, Direction.OUTGOING), 0, 10)).isEmpty();
		assertThat(ids(c, new PushFilter(domainOf(bToA), null, null, null), 0, 10)).as("neither side").isEmpty();
	}

	@Test
	void shouldPageWithOneRowMoreThanAskedToTellWhetherMoreFollow() {
		assertThat(ids(null, filter(null), 0, 2)).containsExactly(cToB, aToC, bToA);
		assertThat(ids(null, filter(null), 1, 2)).containsExactly(bToA, aToB);
		assertThat(ids(null, filter(null), 2, 2)).isEmpty();
	}

	@Test
	void shouldPageByCursorForwardAndBackThroughTheRowsPagingByNumberShows() {
		for (Long company : Arrays.asList(a, null)) {
			for (Direction direction : Direction.values()) {
				PushFilter filter = filter(direction);
				List<UUID> byNumber = ids(company, filter, 0, 100);
				assertThat(forward(repository, company, filter)).as("%s %s", company, direction)
					.containsExactlyElementsOf(byNumber);
				assertThat(backward(repository, company, filter, byNumber.get(byNumber.size() - 1)))
					.as("%s %s backwards", company, direction)
					.containsExactlyElementsOf(byNumber);
			}
		}
	}

	@Test
	void shouldPageByCursorThroughPushesSubmittedAtTheSameInstantEachOnce() {
		DataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase(), "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		JdbcClient own = JdbcClient.create(dataSource);
		PushRepository repository = new PushRepository(own);
		long x = own.sql("insert into companies (name, cluster) values ('X', 'a') returning company_id")
			.query(Long.class)
			.single();
		long y = own.sql("insert into companies (name, cluster) values ('Y', 'a') returning company_id")
			.query(Long.class)
			.single();
		own.sql("insert into domains (name, company_id) select 'd' || i || '.example', :x from generate_series(1, 5) i")
			.param("x", x)
			.update();
		own.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    submitted_at)
				select gen_random_uuid(), domain_id, name, :x, :y, 'COMPLETED', timestamptz '2026-01-01 12:00:00.123456Z'
				  from domains""")
			.param("x", x)
			.param("y", y)
			.update();
		List<UUID> byNumber = repository.list(x, filter(Direction.OUTGOING), new PageRequest(0, 10))
			.stream()
			.map((stored) -> stored.view().pushId())
			.toList();
		assertThat(byNumber).hasSize(5)
			.as("ties broken by push id, as PostgreSQL orders them")
			.isSortedAccordingTo(Comparator.comparing(UUID::toString).reversed());
		assertThat(forward(repository, x, filter(Direction.OUTGOING))).containsExactlyElementsOf(byNumber);
		assertThat(backward(repository, x, filter(Direction.OUTGOING), byNumber.get(4)))
			.containsExactlyElementsOf(byNumber);
	}

	@Test
	void shouldShowTheGainingCompanysNotificationAndNotTheLosingSidesNotice() {
		StoredPush mailed = repository.find(aToB).orElseThrow();
		assertThat(mailed.view().notification().status()).isEqualTo(NotificationStatus.SENT);
		assertThat(mailed.view().notification().to()).isEqualTo("noc@b.example");
		assertThat(repository.find(bToA).orElseThrow().view().notification()).isNull();
		assertThat(repository.list(a, filter(Direction.OUTGOING), new PageRequest(0, 10))).hasSize(2);
	}

	@Test
	void shouldHaveNoReportForAPushThatWasNotApplied() {
		assertThat(repository.report(aToC)).isEmpty();
	}

	private static List<UUID> ids(Long company, PushFilter filter, int page, int size) {
		return repository.list(company, filter, new PageRequest(page, size))
			.stream()
			.map((stored) -> stored.view().pushId())
			.toList();
	}

	/**
	 * Every row, one page of one at a time, each page asked for after the last one's end.
	 */
	private static List<UUID> forward(PushRepository repository, Long company, PushFilter filter) {
		List<UUID> seen = new ArrayList<>();
		PageRequest request = new PageRequest(0, 1);
		while (true) {
			Page<PushView> page = page(repository, company, filter, request);
			page.items().forEach((push) -> seen.add(push.pushId()));
			if (page.next() == null) {
				return seen;
			}
			request = new PageRequest(0, 1, Cursor.parse(page.next(), "after"), null);
		}
	}

	/**
	 * The last row and, pages of two, every row before it, each page before the last one.
	 */
	private static List<UUID> backward(PushRepository repository, Long company, PushFilter filter, UUID last) {
		PushView end = repository.find(last).orElseThrow().view();
		LinkedList<UUID> seen = new LinkedList<>(List.of(last));
		PageRequest request = new PageRequest(0, 2, null, Cursor.of(end.submittedAt(), end.pushId()));
		while (true) {
			Page<PushView> page = page(repository, company, filter, request);
			seen.addAll(0, page.items().stream().map(PushView::pushId).toList());
			if (page.previous() == null) {
				return seen;
			}
			request = new PageRequest(0, 2, null, Cursor.parse(page.previous(), "before"));
		}
	}

	private static Page<PushView> page(PushRepository repository, Long company, PushFilter filter,
			PageRequest request) {
		return Page.of(repository.list(company, filter, request).stream().map(StoredPush::view).toList(), request,
				(push) -> Cursor.of(push.submittedAt(), push.pushId()));
	}

	private static PushFilter filter(Direction direction) {
		return new PushFilter(null, null, null, direction);
	}

	private static String domainOf(UUID push) {
		return db.sql("select domain_name from pushes where push_id = :p")
			.param("p", push)
			.query(String.class)
			.single();
	}

	private static long company(String name) {
		return db.sql("insert into companies (name, cluster) values (:n, 'a') returning company_id")
			.param("n", name)
			.query(Long.class)
			.single();
	}

	/** A push submitted {@code order} minutes after the first (1). */
	private static UUID push(long losing, long gaining, String status, int order) {
		String name = UUID.randomUUID() + ".example";
		long domain = db.sql("insert into domains (name, company_id) values (:n, :c) returning domain_id")
			.param("n", name)
			.param("c", losing)
			.query(Long.class)
			.single();
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status,
				                    reason, submitted_at)
				values (:id, :d, :n, :l, :g, :s, :r, now() - make_interval(mins => 10 - :m))""")
			.param("id", id)
			.param("d", domain)
			.param("n", name)
			.param("l", losing)
			.param("g", gaining)
			.param("s", status)
			.param("r", "REJECTED".equals(status) ? "PUSH_NOT_ALLOWED" : null)
			.param("m", order)
			.update();
		return id;
	}

	private static void notification(UUID push, String audience, String status, String recipient) {
		db.sql("""
				insert into notifications (push_id, audience, status, recipient, message_id, company_id)
				select :p, :a, :s, :r, :p || '@test',
				       case :a when 'GAINING' then gaining_company_id else losing_company_id end
				  from pushes where push_id = :p""")
			.param("p", push)
			.param("a", audience)
			.param("s", status)
			.param("r", recipient)
			.update();
	}

}
