package io.domainpush.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * million completed pushes with their notifications, history and audit entries), built
 * with set-based SQL, and the things people do on it timed: every list at its first,
 * middle and last page, searches, one push at light load. {@code --reuse} keeps a data
 * set an earlier run built; {@code --domains=N} scales it down.
 */
final class ScaleBenchmark {

	private static final String OPERATOR = "scale-operator-token-0123456789abcdef";

	/** The large reseller's API token (its company is 1001). */
	private static final String LARGE = "scale-large-token-0123456789abcdef01";

	private static final long LARGE_COMPANY = 1001;

	private static final int CALLS = 20;

	private static final int PAGE_SIZE = 50;

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
		tokens(db);
		try (SmtpSink mail = new SmtpSink();
				Services services = Services.start(root,
						Files.createDirectories(root.resolve("bench/target/scale-logs")), environment(url, mail),
						List.of(), null)) {
			Api large = new Api("http://127.0.0.1:" + services.port("push-api"), LARGE);
			Api operator = new Api("http://127.0.0.1:" + services.port("push-api"), OPERATOR);
			System.out.printf("%-52s %18s %18s %18s%n", "call (the large reseller, size 50), ms p50 / p95", "first",
					"middle", "last");
			for (Listing listing : listings(db)) {
				listing.measure(listing.operator ? operator : large);
			}
		}
		System.exit(0);
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
		String pushKey = "select submitted_at, push_id from pushes where %s order by submitted_at desc, push_id desc";
		return List.of(
				new Listing("REST pushes (both sides), by page number", false, pages(pushes),
						page -> "/api/v1/pushes?size=50&page=" + page),
				new Listing("REST pushes (both sides), by cursor", false, pages(pushes),
						page -> "/api/v1/pushes?size=50" + pushAfter(db, pushKey.formatted(both), page)),
				new Listing("REST pushes incoming, by cursor", false, pages(incoming),
						page -> "/api/v1/pushes?direction=incoming&size=50"
								+ pushAfter(db, pushKey.formatted("gaining_company_id = 1001"), page)),
				new Listing("REST pushes outgoing, by cursor", false, pages(outgoing),
						page -> "/api/v1/pushes?direction=outgoing&size=50"
								+ pushAfter(db, pushKey.formatted("losing_company_id = 1001"), page)),
				new Listing("REST domains, by page number", false, pages(domains),
						page -> "/api/v1/companies/1001/domains?size=50&page=" + page),
				new Listing("REST domains, by cursor", false, pages(domains),
						page -> "/api/v1/companies/1001/domains?size=50" + after(page, () -> Cursor.of(db
							.sql("select name from domains where company_id = 1001 order by name offset :n limit 1")
							.param("n", page * PAGE_SIZE - 1)
							.query(String.class)
							.single()))),
				new Listing("REST domains, search with no match", false, 1,
						page -> "/api/v1/companies/1001/domains?size=50&search=nomatchanywhere"),
				new Listing("REST domains, search 'ab'", false, 1,
						page -> "/api/v1/companies/1001/domains?size=50&search=ab"),
				new Listing("REST audit, by page number", false, pages(audit),
						page -> "/api/v1/companies/1001/audit?size=50&page=" + page),
				new Listing("REST audit, by cursor", false, pages(audit),
						page -> "/api/v1/companies/1001/audit?size=50" + after(page,
								() -> Cursor.of(db.sql("""
										select audit_id from audit_log where company_id = 1001
										 order by audit_id desc offset :n limit 1""")
									.param("n", page * PAGE_SIZE - 1)
									.query(Long.class)
									.single()))),
				new Listing("REST companies (operator)", true, pages(companies),
						page -> "/api/v1/companies?size=50&page=" + page));
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
	 * One list of the API: {@code pages} pages of {@value #PAGE_SIZE}, the path of each
	 * by its number.
	 */
	private record Listing(String name, boolean operator, long pages, LongFunction<String> path) {

		void measure(Api api) throws Exception {
			StringBuilder line = new StringBuilder(String.format("%-52s", name));
			for (long page : pages == 1 ? new long[] { 0 } : new long[] { 0, pages / 2, pages - 1 }) {
				line.append(String.format(" %18s", timed(api, path.apply(page))));
			}
			System.out.println(line);
		}

		private static String timed(Api api, String path) throws Exception {
			api.get(path); // the first call warms the statement's plan and the pages it
							// reads
			double[] millis = new double[CALLS];
			for (int i = 0; i < CALLS; i++) {
				long start = System.nanoTime();
				api.get(path);
				millis[i] = (System.nanoTime() - start) / 1e6;
			}
			Arrays.sort(millis);
			return String.format("%.0f / %.0f", millis[CALLS / 2 - 1], millis[(int) Math.ceil(CALLS * 0.95) - 1]);
		}

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

	private static void tokens(JdbcClient db) {
		db.sql("""
				insert into api_tokens (token_id, company_id, label, token_hash)
				values (gen_random_uuid(), :company, 'scale', sha256(convert_to(:token, 'UTF8')))
				on conflict (token_hash) do nothing""").param("company", LARGE_COMPANY).param("token", LARGE).update();
	}

	private Map<String, String> environment(String url, SmtpSink mail) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", url);
		env.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
		env.put("PUSH_SECURITY_OPERATOR_TOKEN", OPERATOR);
		env.put("PUSH_API_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000");
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
