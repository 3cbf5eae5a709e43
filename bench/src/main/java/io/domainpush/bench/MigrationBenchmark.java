package io.domainpush.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.notification.NotificationAudience;
import io.domainpush.core.push.PushStatus;
import io.domainpush.local.LocalMode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench migration}: one company's whole book moved in one migration, through the
 * services as separate processes: {@code --domains=N} (1,000,000) domains of
 * {@code --users=U} (1) users, submitted in batches of {@code --part=P} (100,000, the
 * API's limit) while fewer than {@code --open=O} (4; the API allows five) of them are
 * unfinished, to a company that wants one digest per batch and a webhook for every push
 * and batch ({@code --webhooks=batches}: for each batch only). First {@code --warm-up=W}
 * (10,000) domains the same way, not timed, so that the services have loaded and compiled
 * their code before either timed migration; then {@code --baseline=B} (10,000) domains:
 * the time per 1,000 domains of both, each service's peak RSS, and how many emails and
 * webhooks the migration caused.
 */
final class MigrationBenchmark {

	/**
	 * Fewer than push.api.limits.max-unfinished-batches (5): the next part is accepted.
	 */
	private static final int MOST_OPEN_BATCHES = 4;

	private static final Duration LONGEST = Duration.ofHours(3);

	private final Options options;

	private final Path root;

	private final int users;

	private final int part;

	private final int openBatches;

	/** Whether the endpoint hears of every push, or of each finished batch only. */
	private final boolean perPush;

	private MigrationBenchmark(Options options) {
		this.options = options;
		this.root = Path.of(options.text("root", "."));
		this.users = options.number("users", 1);
		this.part = options.number("part", 100_000);
		this.openBatches = Math.min(MOST_OPEN_BATCHES, options.number("open", MOST_OPEN_BATCHES));
		this.perPush = !options.text("webhooks", "all").equals("batches");
	}

	static void run(Options options) throws Exception {
		new MigrationBenchmark(options).run();
		System.exit(0);
	}

	private void run() throws Exception {
		int domains = options.number("domains", 1_000_000);
		int warmUp = options.number("warm-up", 10_000);
		int baseline = options.number("baseline", 10_000);
		String url = Fixtures.createDatabase(options.text("pg", "jdbc:postgresql://127.0.0.1:5432/postgres"),
				"domainpush_migration");
		JdbcClient db = Fixtures.migrated(url);
		Path logs = Files.createDirectories(root.resolve("bench/target/logs"));
		try (MailSink mail = SmtpSinkProcess.start(root, logs.resolve("smtp-sink.log"));
				WebhookSink hooks = new WebhookSink();
				Services services = Services.start(root, logs, environment(url, mail),
						List.of(options.text("jvm", "-XX:TieredStopAtLevel=1").split(" ")),
						options.text("profile", null))) {
			Api api = new Api("http://127.0.0.1:" + services.port("push-api"), Benchmark.OPERATOR);
			long losing = api.company("Migration Losing");
			long gaining = api.company("Migration Gaining");
			api.put("/api/v1/companies/" + gaining + "/domain-push", "{\"allowed_companies\":[" + losing
					+ "],\"notification_email\":\"noc@gaining.example\",\"notification_mode\":\"batch_digest\"}");
			api.post("/api/v1/companies/" + gaining + "/webhooks", "{\"url\":\"" + hooks.url() + "\",\"events\":["
					+ (perPush ? "\"push.completed\"," : "") + "\"batch.finished\"]}");
			Bench.say("provisioning %d + %d + %d domains of %d users ...", warmUp, baseline, domains, users);
			long provisioning = System.nanoTime();
			Fixtures.domains(db, losing, "warm-", warmUp, users);
			Fixtures.domains(db, losing, "base-", baseline, users);
			Fixtures.domains(db, losing, "move-", domains, users);
			Bench.say("    provisioned in %.0f s", (System.nanoTime() - provisioning) / 1e9);
			Fixtures.settle(db);
			if (warmUp > 0) {
				Run warm = migrate(db, api, gaining, mail, hooks, "warm-", warmUp);
				Bench.say("    warm-up: %d domains COMPLETED in %.1f s (not timed)", warmUp, warm.completedSeconds());
				Fixtures.settle(db);
			}
			Run small = migrate(db, api, gaining, mail, hooks, "base-", baseline);
			Fixtures.settle(db);
			Run large = migrate(db, api, gaining, mail, hooks, "move-", domains);
			report(db, warmUp + small.domains() + large.domains(), small, large, services);
		}
	}

	private Map<String, String> environment(String url, MailSink mail) {
		Map<String, String> env = Services.environment(url, mail, Benchmark.OPERATOR);
		env.put("PUSH_KAFKA_PARTITIONS", "12");
		env.put("PUSH_WEBHOOKS_SECRET_KEY", LocalMode.newWebhookKey());
		env.put("PUSH_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
		return env;
	}

	/**
	 * Pushes {@code prefix1.example ... prefix<count>.example} in parts, each submitted
	 * once fewer than {@code --open} batches are unfinished; returns when every push
	 * ended, every digest was accepted and every webhook arrived.
	 */
	private Run migrate(JdbcClient db, Api api, long gaining, MailSink mail, WebhookSink hooks, String prefix,
			int count) throws Exception {
		Bench.say("migration of %d domains in parts of %d ...", count, part);
		int webhooksBefore = hooks.received().size();
		Wal walBefore = Wal.now(db);
		long start = System.currentTimeMillis();
		List<UUID> batches = new ArrayList<>();
		for (int from = 1; from <= count; from += part) {
			Processes.waitFor(() -> open(db, batches) < openBatches, LONGEST);
			batches.add(UUID.fromString(api
				.post("/api/v1/push-batches",
						Fixtures.batchBody(gaining, prefix, from, Math.min(part, count - from + 1)))
				.get("batch_id")
				.asString()));
			Bench.say("    part %d submitted after %.0f s", batches.size(),
					(System.currentTimeMillis() - start) / 1000.0);
		}
		Processes.waitFor(() -> open(db, batches) == 0, LONGEST);
		List<String> digests = batches.stream()
			.map(batch -> MessageIds.ofDigest(batch, NotificationAudience.GAINING, gaining))
			.toList();
		Processes.waitFor(() -> digests.stream().allMatch(mail.acceptedAt()::containsKey), LONGEST);
		int webhooks = (perPush ? count : 0) + batches.size();
		Processes.waitFor(() -> hooks.received().size() >= webhooksBefore + webhooks, LONGEST);
		Map<String, Object> ended = db.sql("""
				select count(*) filter (where p.status = :completed) as completed,
				       extract(epoch from max(p.completed_at)) * 1000 as last
				  from pushes p where p.batch_id = any(:batches)""")
			.param("completed", PushStatus.COMPLETED.name())
			.param("batches", batches.toArray(UUID[]::new))
			.query()
			.singleRow();
		long lastDigest = digests.stream().mapToLong(mail.acceptedAt()::get).max().orElseThrow();
		return new Run(count, batches.size(), ((Number) ended.get("completed")).intValue(),
				(((Number) ended.get("last")).doubleValue() - start) / 1000.0, (lastDigest - start) / 1000.0,
				hooks.received().size() - webhooksBefore, (hooks.lastReceivedAt() - start) / 1000.0, mail.messages(),
				Wal.now(db).since(walBefore));
	}

	/** The batches of {@code batches} not yet finished. */
	private static int open(JdbcClient db, List<UUID> batches) {
		return db.sql("select count(*) from push_batches where batch_id = any(:b) and finished_at is null")
			.param("b", batches.toArray(UUID[]::new))
			.query(Integer.class)
			.single();
	}

	private void report(JdbcClient db, int allDomains, Run small, Run large, Services services) throws Exception {
		System.out.println();
		System.out.println("=== Domain Push migration benchmark (" + Runtime.getRuntime().availableProcessors()
				+ " cores; PostgreSQL autovacuum " + Fixtures.autovacuum(db) + ") ===");
		System.out.printf("%-10s %6s %10s %14s %10s %12s %12s %14s%n", "domains", "parts", "COMPLETED", "all COMPLETED",
				"s/1000", "last digest", "webhooks", "last webhook");
		for (Run run : List.of(small, large)) {
			System.out.printf("%-10d %6d %10d %13.1fs %10.2f %11.1fs %12d %13.1fs%n", run.domains(), run.parts(),
					run.completed(), run.completedSeconds(), run.completedSeconds() / run.domains() * 1000,
					run.lastDigestSeconds(), run.webhooks(), run.lastWebhookSeconds());
		}
		for (Run run : List.of(small, large)) {
			System.out.printf("%-10d WAL %.1f MiB per 1,000 domains, %,d full-page images per 1,000; %d checkpoints%n",
					run.domains(), run.wal().bytes() / 1048576.0 / run.domains() * 1000,
					run.wal().fullPageImages() * 1000 / run.domains(), run.wal().checkpoints());
		}
		double ratio = (large.completedSeconds() / large.domains()) / (small.completedSeconds() / small.domains());
		System.out.printf("time per 1,000 domains, %d against %d: %.2f x  (goal within 0.75-1.25)%n", large.domains(),
				small.domains(), ratio);
		System.out.printf(
				"emails for the %d domains: %d (one digest per part, the baseline's and the warm-up's; no email per push)%n",
				allDomains, large.emailsSoFar());
		for (Map.Entry<String, Process> service : services.processes().entrySet()) {
			System.out.printf("%-12s peak RSS %4.0f MiB (goal <= 512)%n", service.getKey(),
					Processes.peakRssMiB(service.getValue()));
		}
	}

	/**
	 * One migration, its seconds counted from its first submission.
	 *
	 * @param emailsSoFar emails the SMTP server accepted since the run began
	 * @param wal what PostgreSQL wrote to its log during the run
	 */
	private record Run(int domains, int parts, int completed, double completedSeconds, double lastDigestSeconds,
			int webhooks, double lastWebhookSeconds, long emailsSoFar, Wal wal) {
	}

	/**
	 * PostgreSQL's write-ahead log so far (the whole server's; nothing else writes while
	 * the bench runs): its bytes, the full-page images in it (a page's first change after
	 * a checkpoint logs the whole page) and the checkpoints.
	 */
	private record Wal(long bytes, long fullPageImages, long checkpoints) {

		static Wal now(JdbcClient db) {
			return db.sql("""
					select w.wal_bytes::bigint, w.wal_fpi, b.checkpoints_timed + b.checkpoints_req
					  from pg_stat_wal w, pg_stat_bgwriter b""")
				.query((rs, n) -> new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
				.single();
		}

		Wal since(Wal before) {
			return new Wal(bytes - before.bytes, fullPageImages - before.fullPageImages,
					checkpoints - before.checkpoints);
		}

	}

}
