package io.domainpush.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.domainpush.api.web.Cursor;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code bench scale}: a platform-sized database (a million domains over a thousand
 * companies, one with 300,000 of them; five million users; ten million messages; two
 * million completed pushes with their notifications, history and two audit entries each),
 * built with set-based SQL, and the things people do on it timed: every list of the API
 * and the console at its first, middle and last page, by page number and by cursor;
 * searches; one push at light load against the same on a small database. {@code --reuse}
 * keeps a data set an earlier run built; {@code --domains=N} scales it down;
 * {@code --profile=SERVICE} records that service with JFR while the lists are timed.
 */
final class ScaleBenchmark {

	private static final String OPERATOR = "scale-operator-token-0123456789abcdef";

	/** The large reseller's API token (its company is 1001). */
	private static final String LARGE = "scale-large-token-0123456789abcdef01";

	private static final long LARGE_COMPANY = 1001;

	/** The large reseller's webhook endpoint, with a delivery of each of its pushes. */
	private static final String WEBHOOK = "00000000-0000-0000-0000-000000001001";

	private static final int CALLS = 20;

	/** Calls before the timed ones, within {@link #WARM_UP} (one at least). */
	private static final int WARM_UP_CALLS = 30;

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private static final int PAGE_SIZE = 50;

	private static final int SINGLE_PUSHES = 40;

	private final Options options;

	private final Path root;

	private final String pg;

	private ScaleBenchmark(Options options) {
		this.options = options;
		this.root = Path.of(options.text("root", "."));
		this.pg = options.text("pg", "jdbc:postgresql://127.0.0.1:5432/postgres");
	}

	static void run(Options options) throws Exception {
		new ScaleBenchmark(options).run();
	}

	private void run() throws Exception {
		String url = pg.substring(0, pg.lastIndexOf('/') + 1) + "domainpush_scale";
		JdbcClient db = options.has("reuse") && exists(url) ? connect(url) : build(url);
		token(db, LARGE_COMPANY);
		double atScale;
		try (SmtpSink mail = new SmtpSink();
				Services services = Services.start(root,
						Files.createDirectories(root.resolve("bench/target/scale-logs")), environment(url, mail),
						List.of(), options.text("profile", null))) {
			String base = "http://127.0.0.1:" + services.port("push-api");
			Api large = new Api(base, LARGE);
			Api operator = new Api(base, OPERATOR);
			String password = "scale-" + UUID.randomUUID();
			String admin = "admin-" + UUID.randomUUID() + "@scale.example";
			String operatorName = "operator-" + UUID.randomUUID() + "@scale.example";
			operator.post("/api/v1/companies/1001/admins",
					"{\"username\":\"" + admin + "\",\"password\":\"" + password + "\"}");
			operator.post("/api/v1/operators",
					"{\"username\":\"" + operatorName + "\",\"password\":\"" + password + "\"}");
			ConsoleSession reseller = ConsoleSession.signIn(base, admin, password);
			ConsoleSession platform = ConsoleSession.signIn(base, operatorName, password);
			Api oma = new Api(base, null);
			String session = oma
				.oma("/api/authenticate",
						"{\"credentials\":{\"user\":\"" + admin + "\",\"password\":\"" + password
								+ "\"},\"generate_session_token\":true,\"session_token_duration\":86400}")
				.get("session_token")
				.asString();
			String credentials = "{\"credentials\":{\"user\":\"" + admin + "\",\"token\":\"" + session + "\"},";
			Map<Who, Reader> readers = Map.of(Who.RESELLER_API, large::get, Who.OPERATOR_API, operator::get,
					Who.RESELLER_CONSOLE, reseller::get, Who.OPERATOR_CONSOLE, platform::get, Who.RESELLER_OMA,
					body -> oma.oma("/api/search_domains", credentials + body));
			System.out.printf("%-52s %18s %18s %18s%n", "call (the large reseller, size 50), ms p50 / p95", "first",
					"middle", "last");
			List<Listing> listings = listings(db);
			// a deep page's cursor is an offset query of its own: found once per page
			List<List<String>> paths = listings.stream().map(Listing::timedPaths).toList();
			for (int i = 0; i < listings.size(); i++) {
				listings.get(i).readOnce(readers.get(listings.get(i).who()), paths.get(i));
			}
			for (int i = 0; i < listings.size(); i++) {
				listings.get(i).measure(readers.get(listings.get(i).who()), paths.get(i));
			}
			atScale = singlePushes(db, large);
		}
		double small = smallDatabase();
		System.out.printf("one push at light load, accept -> COMPLETED p50: %.1f ms at scale, %.1f ms on a small "
				+ "database (ratio %.2f)%n", atScale, small, atScale / small);
		System.exit(0);
	}

	/** Who asks: the large reseller or the operator, through the API or the console. */
	enum Who {

		RESELLER_API, OPERATOR_API, RESELLER_CONSOLE, OPERATOR_CONSOLE, RESELLER_OMA

	}

	@FunctionalInterface
	interface Reader {

		Object read(String path) throws Exception;

	}

	/**
	 * The lists measured, each with how many pages it has: by page number (an offset, as
	 * clients that page by number ask) and by cursor (the key of the row before the page,
	 * found here beforehand, as a client holding the previous page's {@code next} asks).
	 */
	private List<Listing> listings(JdbcClient db) {
		String both = "losing_company_id = 1001 or gaining_company_id = 1001";
		long pushes = count(db, "select count(*) from pushes where " + both);
		long incoming = count(db, "select count(*) from pushes where gaining_company_id = 1001");
		long outgoing = count(db, "select count(*) from pushes where losing_company_id = 1001");
		long domains = count(db, "select count(*) from domains where company_id = 1001");
		long audit = count(db, "select count(*) from audit_log where company_id = 1001");
		long companies = count(db, "select count(*) from companies where deleted_at is null");
		long deliveries = count(db, "select count(*) from webhook_deliveries where webhook_id = '" + WEBHOOK + "'");
		long abMatches = count(db, "select count(*) from domains where company_id = 1001 and name like 'ab%'");
		String batch = db.sql("select batch_id::text from push_batches order by submitted_at limit 1")
			.query(String.class)
			.single();
		String pushKey = "select submitted_at, push_id from pushes where %s order by submitted_at desc, push_id desc";
		LongFunction<String> bothAfter = page -> pushAfter(db, pushKey.formatted(both), page);
		LongFunction<String> incomingAfter = page -> pushAfter(db, pushKey.formatted("gaining_company_id = 1001"),
				page);
		LongFunction<String> outgoingAfter = page -> pushAfter(db, pushKey.formatted("losing_company_id = 1001"), page);
		LongFunction<String> domainAfter = page -> after(page,
				() -> Cursor
					.of(db.sql("select name from domains where company_id = 1001 order by name offset :n limit 1")
						.param("n", page * PAGE_SIZE - 1)
						.query(String.class)
						.single()));
		LongFunction<String> auditAfter = page -> after(page, () -> Cursor.of(db.sql("""
				select audit_id from audit_log where company_id = 1001 order by audit_id desc offset :n limit 1""")
			.param("n", page * PAGE_SIZE - 1)
			.query(Long.class)
			.single()));
		LongFunction<String> deliveryAfter = page -> after(page, () -> db.sql("""
				select created_at, delivery_id from webhook_deliveries where webhook_id = cast(:id as uuid)
				 order by created_at desc, delivery_id desc offset :n limit 1""")
			.param("id", WEBHOOK)
			.param("n", page * PAGE_SIZE - 1)
			.query((rs, n) -> Cursor.of(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class)))
			.single());
		String hooks = "/api/v1/companies/1001/webhooks/" + WEBHOOK + "/deliveries?size=50";
		Bench.say("the large reseller: %,d pushes (%,d incoming), %,d domains, %,d audit entries, %,d webhook "
				+ "deliveries; %,d companies", pushes, incoming, domains, audit, deliveries, companies);
		return List.of(
				new Listing("REST pushes (both sides), by page number", Who.RESELLER_API, pages(pushes),
						page -> "/api/v1/pushes?size=50&page=" + page),
				new Listing("REST pushes (both sides), by cursor", Who.RESELLER_API, pages(pushes),
						page -> "/api/v1/pushes?size=50" + bothAfter.apply(page)),
				new Listing("REST pushes incoming, by cursor", Who.RESELLER_API, pages(incoming),
						page -> "/api/v1/pushes?direction=incoming&size=50" + incomingAfter.apply(page)),
				new Listing("REST pushes outgoing, by cursor", Who.RESELLER_API, pages(outgoing),
						page -> "/api/v1/pushes?direction=outgoing&size=50" + outgoingAfter.apply(page)),
				new Listing("console Pushes, outgoing", Who.RESELLER_CONSOLE, pages(outgoing),
						page -> "/console/pushes?direction=OUTGOING" + outgoingAfter.apply(page)),
				new Listing("console Pushes, incoming", Who.RESELLER_CONSOLE, pages(incoming),
						page -> "/console/pushes?direction=INCOMING" + incomingAfter.apply(page)),
				new Listing("REST domains, by page number", Who.RESELLER_API, pages(domains),
						page -> "/api/v1/companies/1001/domains?size=50&page=" + page),
				new Listing("REST domains, by cursor", Who.RESELLER_API, pages(domains),
						page -> "/api/v1/companies/1001/domains?size=50" + domainAfter.apply(page)),
				new Listing("console Domains", Who.RESELLER_CONSOLE, pages(domains),
						page -> "/console/domains?x=1" + domainAfter.apply(page)),
				new Listing("REST domains, search with no match", Who.RESELLER_API, 1,
						page -> "/api/v1/companies/1001/domains?size=50&search=nomatchanywhere"),
				new Listing("REST domains, search 'ab'", Who.RESELLER_API, 1,
						page -> "/api/v1/companies/1001/domains?size=50&search=ab"),
				new Listing("REST domains, search 'abc'", Who.RESELLER_API, 1,
						page -> "/api/v1/companies/1001/domains?size=50&search=abc"),
				new Listing("REST domains, search '.exa' (matches all)", Who.RESELLER_API, 1,
						page -> "/api/v1/companies/1001/domains?size=50&search=.exa"),
				new Listing("console Domains, search 'abc'", Who.RESELLER_CONSOLE, 1,
						page -> "/console/domains?search=abc"),
				new Listing("OMA search_domains '*', total_count", Who.RESELLER_OMA, pages(domains),
						page -> omaSearch("*", page)),
				new Listing("OMA search_domains 'ab*', total_count", Who.RESELLER_OMA, pages(abMatches),
						page -> omaSearch("ab*", page)),
				new Listing("OMA search_domains '*ab*', total_count", Who.RESELLER_OMA, 1,
						page -> omaSearch("*ab*", page)),
				new Listing("OMA search_domains '*.com' (matches none)", Who.RESELLER_OMA, 1,
						page -> omaSearch("*.com", page)),
				new Listing("REST audit, by page number", Who.RESELLER_API, pages(audit),
						page -> "/api/v1/companies/1001/audit?size=50&page=" + page),
				new Listing("REST audit, by cursor", Who.RESELLER_API, pages(audit),
						page -> "/api/v1/companies/1001/audit?size=50" + auditAfter.apply(page)),
				new Listing("console Audit", Who.RESELLER_CONSOLE, pages(audit),
						page -> "/console/audit?x=1" + auditAfter.apply(page)),
				new Listing("REST webhook deliveries, by page number", Who.RESELLER_API, pages(deliveries),
						page -> hooks + "&page=" + page),
				new Listing("REST webhook deliveries, by cursor", Who.RESELLER_API, pages(deliveries),
						page -> hooks + deliveryAfter.apply(page)),
				new Listing("console Webhook deliveries", Who.RESELLER_CONSOLE, pages(deliveries),
						page -> "/console/webhooks/" + WEBHOOK + "?x=1" + deliveryAfter.apply(page)),
				new Listing("REST a batch's pushes (300), by page number", Who.RESELLER_API, 6,
						page -> "/api/v1/push-batches/" + batch + "/pushes?size=50&page=" + page),
				new Listing("REST companies (operator, domain counts)", Who.OPERATOR_API, pages(companies),
						page -> "/api/v1/companies?size=50&page=" + page),
				new Listing("console Companies (operator, domain counts)", Who.OPERATOR_CONSOLE, pages(companies),
						page -> "/console/companies?page=" + page));
	}

	/**
	 * The body of a search_domains call after its credentials: page {@code page} of 50.
	 */
	private static String omaSearch(String match, long page) {
		return "\"criteria\":{\"match\":\"" + match + "\"},\"range\":{\"first\":" + page * PAGE_SIZE + ",\"limit\":"
				+ PAGE_SIZE + "}}";
	}

	/**
	 * {@code &after=} the key of the push before the page, from {@code keys} in list
	 * order.
	 */
	private static String pushAfter(JdbcClient db, String keys, long page) {
		return after(page,
				() -> db.sql(keys + " offset :n limit 1")
					.param("n", page * PAGE_SIZE - 1)
					.query((rs, n) -> Cursor.of(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, UUID.class)))
					.single());
	}

	private static String after(long page, Supplier<Cursor> keyBefore) {
		return page == 0 ? "" : "&after=" + keyBefore.get().token();
	}

	private static long pages(long rows) {
		return Math.max(1, (rows + PAGE_SIZE - 1) / PAGE_SIZE);
	}

	/**
	 * One list: {@code pages} pages of {@value #PAGE_SIZE}, the path of each by its
	 * number, read by {@code who}.
	 */
	private record Listing(String name, Who who, long pages, LongFunction<String> path) {

		/** The paths of its first, middle and last page (the first only, of one page). */
		List<String> timedPaths() {
			long[] numbers = pages == 1 ? new long[] { 0 } : new long[] { 0, pages / 2, pages - 1 };
			return Arrays.stream(numbers).mapToObj(path).toList();
		}

		/**
		 * Reads each page to be timed once, untimed: every list's code is loaded and
		 * compiled before the first is timed, so that the first lists timed do not pay
		 * for it alone.
		 */
		void readOnce(Reader reader, List<String> paths) throws Exception {
			for (String path : paths) {
				reader.read(path);
			}
		}

		void measure(Reader reader, List<String> paths) throws Exception {
			StringBuilder line = new StringBuilder(String.format("%-52s", name));
			for (String path : paths) {
				line.append(String.format(" %18s", timed(reader, path)));
			}
			System.out.println(line);
		}

		private static String timed(Reader reader, String path) throws Exception {
			warmUp(reader, path);
			double[] millis = new double[CALLS];
			for (int i = 0; i < CALLS; i++) {
				long start = System.nanoTime();
				reader.read(path);
				millis[i] = (System.nanoTime() - start) / 1e6;
			}
			Arrays.sort(millis);
			return String.format("%.0f / %.0f", millis[CALLS / 2 - 1], millis[(int) Math.ceil(CALLS * 0.95) - 1]);
		}

		/**
		 * Reads {@code path} until {@value #WARM_UP_CALLS} calls or {@link #WARM_UP} have
		 * passed, one call at least: the timed calls then find the statement's pages
		 * cached and the code that serves it compiled, as on a service that has been up a
		 * while, not one whose classes are still loading.
		 */
		private static void warmUp(Reader reader, String path) throws Exception {
			long deadline = System.nanoTime() + WARM_UP.toNanos();
			int calls = 0;
			do {
				reader.read(path);
				calls++;
			}
			while (calls < WARM_UP_CALLS && System.nanoTime() < deadline);
		}

	}

	/**
	 * {@value #SINGLE_PUSHES} pushes one after the other, each of a domain of the large
	 * reseller to another company, each waited for: @return accept -> COMPLETED p50 in
	 * ms, from the database's own timestamps
	 */
	private static double singlePushes(JdbcClient db, Api large) throws Exception {
		db.sql("insert into push_allowances values (1002, 1001) on conflict do nothing").update();
		db.sql("update companies set notification_email = null where company_id = 1002").update();
		List<String> domains = db.sql("""
				select d.name from domains d where d.company_id = 1001
				   and not exists (select 1 from pushes p where p.domain_id = d.domain_id
				                      and p.status in ('ACCEPTED', 'SCHEDULED', 'AWAITING_APPROVAL'))
				 order by d.domain_id desc limit :n""").param("n", SINGLE_PUSHES + 5).query(String.class).list();
		return acceptToCompleted(db, large, domains, 1002);
	}

	/**
	 * The same pushes on a database of two companies and a few domains, in the same run.
	 */
	private double smallDatabase() throws Exception {
		String url = Fixtures.createDatabase(pg, "domainpush_scale_small");
		JdbcClient db = Fixtures.migrated(url);
		long losing = Fixtures.company(db, "Small Losing", null);
		long gaining = Fixtures.company(db, "Small Gaining", null);
		db.sql("insert into push_allowances values (:g, :l)").param("g", gaining).param("l", losing).update();
		Fixtures.domains(db, losing, "small", SINGLE_PUSHES + 5, 5);
		token(db, losing);
		try (SmtpSink mail = new SmtpSink();
				Services services = Services.start(root,
						Files.createDirectories(root.resolve("bench/target/scale-logs/small")), environment(url, mail),
						List.of(), null)) {
			Api api = new Api("http://127.0.0.1:" + services.port("push-api"), LARGE);
			List<String> domains = new ArrayList<>();
			for (int i = 1; i <= SINGLE_PUSHES + 5; i++) {
				domains.add("small" + i + ".example");
			}
			return acceptToCompleted(db, api, domains, gaining);
		}
	}

	/** The first five pushes warm up; the p50 of the others. */
	private static double acceptToCompleted(JdbcClient db, Api api, List<String> domains, long gaining)
			throws Exception {
		List<String> measured = new ArrayList<>();
		for (String domain : domains) {
			String push = api.push(domain, gaining);
			while (!"COMPLETED".equals(api.get("/api/v1/pushes/" + push).get("status").asString())) {
				Thread.sleep(5); // an eager client
			}
			measured.add(push);
		}
		List<String> timed = measured.subList(5, measured.size());
		return db
			.sql("""
					select percentile_cont(0.5) within group (order by extract(epoch from completed_at - submitted_at) * 1000)
					  from pushes where push_id::text in (:ids)""")
			.param("ids", timed)
			.query(Double.class)
			.single();
	}

	private JdbcClient build(String url) throws Exception {
		int domains = options.number("domains", 1_000_000);
		Map<String, String> sizes = new LinkedHashMap<>();
		sizes.put("DOMAINS", String.valueOf(domains));
		sizes.put("LARGE", String.valueOf(domains * 3 / 10));
		sizes.put("COMPANIES", String.valueOf(Math.max(2, Math.min(1000, domains / 100))));
		sizes.put("PUSHES", String.valueOf(domains * 2L));
		Bench.say("scale: building %s domains (%s of the large reseller), %s companies, %s pushes in %s",
				sizes.get("DOMAINS"), sizes.get("LARGE"), sizes.get("COMPANIES"), sizes.get("PUSHES"), url);
		JdbcClient db = Fixtures.migrated(Fixtures.createDatabase(pg, "domainpush_scale"));
		JdbcTemplate statements = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
		long start = System.nanoTime();
		for (String statement : statements(sizes)) {
			long t = System.nanoTime();
			statements.execute(statement);
			Bench.say("    %5.1f s  %s", (System.nanoTime() - t) / 1e9, firstLine(statement));
		}
		Bench.say("scale: data set built in %.0f s; database %s", (System.nanoTime() - start) / 1e9,
				db.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single());
		return db;
	}

	private static List<String> statements(Map<String, String> sizes) throws IOException {
		String script;
		try (InputStream in = ScaleBenchmark.class.getResourceAsStream("/scale/build.sql")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		for (Map.Entry<String, String> size : sizes.entrySet()) {
			script = script.replace("${" + size.getKey() + "}", size.getValue());
		}
		List<String> statements = new ArrayList<>();
		for (String part : script.split("\n--;\n")) {
			if (!part.isBlank()) {
				statements.add(part.strip());
			}
		}
		return statements;
	}

	private static String firstLine(String statement) {
		return Arrays.stream(statement.split("\n")).filter(l -> !l.startsWith("--")).findFirst().orElse("");
	}

	/**
	 * The bench's API token ({@value #LARGE}, stored as its hash) for {@code company}.
	 */
	private static void token(JdbcClient db, long company) {
		db.sql("""
				insert into api_tokens (token_id, company_id, label, token_hash)
				values (gen_random_uuid(), :company, 'scale', sha256(convert_to(:token, 'UTF8')))
				on conflict (token_hash) do nothing""").param("company", company).param("token", LARGE).update();
	}

	/**
	 * The services' settings: the retentions outlast the data set's two years, so that
	 * push-api's purge does not delete rows while their lists are timed (a platform in
	 * its steady state purges a day's worth at a time).
	 */
	private static Map<String, String> environment(String url, SmtpSink mail) {
		Map<String, String> env = Services.environment(url, mail, OPERATOR);
		for (String kept : List.of("EMAILS", "DIGESTS", "WEBHOOK_DELIVERIES", "AUDIT")) {
			env.put("PUSH_RETENTION_" + kept, "3650d");
		}
		return env;
	}

	private static boolean exists(String url) {
		try {
			return connect(url).sql("select count(*) > 0 from domains").query(Boolean.class).single();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static JdbcClient connect(String url) {
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		return JdbcClient.create(dataSource);
	}

	private static long count(JdbcClient db, String sql) {
		return db.sql(sql).query(Long.class).single();
	}

}
