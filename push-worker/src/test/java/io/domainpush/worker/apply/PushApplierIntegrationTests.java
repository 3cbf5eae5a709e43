package io.domainpush.worker.apply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.domainpush.core.crash.CrashPoints;
import io.domainpush.core.events.EventCodec;
import io.domainpush.core.events.BatchFinished;
import io.domainpush.core.events.PushCancelled;
import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.events.PushEvent;
import io.domainpush.core.events.PushRejected;
import io.domainpush.core.events.PushStatusChanged;
import io.domainpush.core.events.Topics;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.outbox.OutboxSignal;
import io.domainpush.core.outbox.OutboxWriter;
import io.domainpush.core.tracing.Traces;
import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.push.NewPush;
import io.domainpush.core.push.Batches;
import io.domainpush.core.notification.Digests;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.push.PushPlan;
import io.domainpush.core.push.Pushes;
import io.domainpush.core.push.Submission;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.PushFactsRepository;
import io.domainpush.core.rules.PushPreviewRepository;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.worker.apply.Outcome.Kind;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The worker's transaction against a real PostgreSQL, without Kafka: one call of
 * {@link PushApplier#apply} on a mixed set of pushes gives each its exact outcome, moves
 * only the valid domains (owner, frozen brand, billing, history, notification) and writes
 * one event per decided push; skipped pushes change nothing.
 */
class PushApplierIntegrationTests {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static JdbcClient db;

	private static TransactionTemplate transaction;

	private static PushApplier applier;

	private static Pushes pushes;

	private static final BillingCycle BILLING = new BillingCycle(ZoneOffset.UTC);

	private static Batches batches;

	private long losing;

	private long gaining;

	/** On cluster b: pushing there breaks R2. */
	private long elsewhere;

	/** Has not allowed the losing company: pushing there breaks R3. */
	private long stranger;

	/** The company a domain is moved to behind the losing company's back: R4. */
	private long thirdParty;

	private static String url;

	@BeforeAll
	static void database() {
		url = TestPostgres.newDatabase();
		DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		db = JdbcClient.create(dataSource);
		transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		OutboxWriter outbox = new OutboxWriter(db, new OutboxSignal(), CrashPoints.none(), Traces.none());
		batches = new Batches(db, new Digests(db, DeliveryProperties.defaults()), outbox);
		pushes = new Pushes(db, outbox, batches);
		applier = applierOn(db, outbox);
	}

	private static PushApplier applierOn(JdbcClient db, OutboxWriter outbox) {
		Batches batches = new Batches(db, new Digests(db, DeliveryProperties.defaults()), outbox);
		return new PushApplier(db, new Pushes(db, outbox, batches), new PushFactsRepository(db),
				new Notifications(db, DeliveryProperties.defaults()), outbox, BILLING, batches,
				new PushReports(new PushPreviewRepository(db), db));
	}

	@BeforeEach
	void companies() {
		losing = company("a", null);
		gaining = company("a", "noc@gaining.example");
		elsewhere = company("b", "noc@elsewhere.example");
		stranger = company("a", "noc@stranger.example");
		thirdParty = company("a", null);
		allow(gaining, losing);
		allow(elsewhere, losing);
	}

	/**
	 * The connections plan every statement for its values (push-common.yml); an apply's
	 * statements, all lookups by key, reuse the plans PostgreSQL kept for them instead
	 * (KeptPlans): one push after another on a pooled connection.
	 */
	@Test
	void shouldReuseThePlansOfItsStatementsFromOnePushToTheNext() {
		SingleConnectionDataSource connection = new SingleConnectionDataSource(url, "postgres", "", true);
		try {
			JdbcClient pooled = JdbcClient.create(connection);
			pooled.sql("set plan_cache_mode = force_custom_plan").update();
			TransactionTemplate own = new TransactionTemplate(new DataSourceTransactionManager(connection));
			PushApplier applier = applierOn(pooled,
					new OutboxWriter(pooled, new OutboxSignal(), CrashPoints.none(), Traces.none()));
			for (int i = 0; i < 15; i++) {
				UUID push = accept(domain(losing, null, 1), gaining);
				assertThat(own.execute(status -> applier.apply(List.of(push))).get(push).kind())
					.isEqualTo(Kind.COMPLETED);
			}
			List<String> kept = pooled.sql("""
					select left(statement, 30) from pg_prepared_statements
					 where generic_plans > 0 and statement ~ '^(insert|update|delete|with)'""")
				.query(String.class)
				.list();
			// PostgreSQL judges for itself: a lookup by an array of keys it estimates
			// better planned for the values (one push: one key) and plans it each time
			assertThat(kept).as("the completion, its history and its notification ran on kept plans")
				.anySatisfy((statement) -> assertThat(statement).startsWith("update pushes p set status"))
				.anySatisfy((statement) -> assertThat(statement).startsWith("insert into push_history"))
				.anySatisfy((statement) -> assertThat(statement).startsWith("insert into notifications"));
			assertThat(pooled.sql("show plan_cache_mode").query(String.class).single()).as("after the transactions")
				.isEqualTo("force_custom_plan");
		}
		finally {
			connection.destroy();
		}
	}

	@Test
	void shouldGiveEachPushOfAMixedSetItsOutcomeAndMoveOnlyTheValidOnes() {
		long brand = brand(losing);
		UUID valid = accept(domain(losing, brand, 3), gaining);
		UUID otherCluster = accept(domain(losing, null, 1), elsewhere);
		UUID notAllowed = accept(domain(losing, null, 1), stranger);
		String movedAway = domain(losing, null, 1);
		UUID notOwner = accept(movedAway, gaining);
		db.sql("update domains set company_id = :c where name = :n")
			.param("c", thirdParty)
			.param("n", movedAway)
			.update();
		UUID cancelled = accept(domain(losing, null, 1), gaining);
		assertThat(pushes.cancel(cancelled)).isTrue();
		UUID applied = accept(domain(losing, null, 2), gaining);
		assertThat(apply(applied).get(applied).kind()).isEqualTo(Kind.COMPLETED);
		UUID neverStored = UUID.randomUUID();
		long eventsBefore = events().size();

		Map<UUID, Outcome> outcomes = apply(valid, otherCluster, notAllowed, notOwner, cancelled, applied, neverStored);

		assertThat(outcomes).hasSize(7);
		assertThat(outcomes.values()).extracting(Outcome::kind, Outcome::reason)
			.containsExactly(tuple(Kind.COMPLETED, "none"), tuple(Kind.REJECTED, "CLUSTER_MISMATCH"),
					tuple(Kind.REJECTED, "PUSH_NOT_ALLOWED"), tuple(Kind.REJECTED, "NOT_DOMAIN_OWNER"),
					tuple(Kind.SKIPPED, "CANCELLED"), tuple(Kind.SKIPPED, "COMPLETED"), tuple(Kind.UNKNOWN, "none"));
		assertThat(statusAndReason(valid, otherCluster, notAllowed, notOwner, cancelled, applied)).containsExactly(
				"COMPLETED -", "REJECTED CLUSTER_MISMATCH", "REJECTED PUSH_NOT_ALLOWED", "REJECTED NOT_DOMAIN_OWNER",
				"CANCELLED -", "COMPLETED -");
		assertThat(owners(valid, otherCluster, notAllowed, notOwner, cancelled)).containsExactly(gaining, losing,
				losing, thirdParty, losing);
		assertThat(historyRows(valid, otherCluster, notAllowed, notOwner, cancelled, applied)).containsExactly(1L, 0L,
				0L, 0L, 0L, 1L);
		assertThat(notificationsOf(valid, otherCluster, notAllowed, notOwner, cancelled))
			.containsExactly("PENDING noc@gaining.example " + MessageIds.of(valid));
		List<PushEvent> written = events().subList((int) eventsBefore, events().size());
		assertThat(written).extracting(event -> ((PushEvent.AboutPush) event).pushId())
			.containsExactly(valid, otherCluster, notAllowed, notOwner);
		assertThat(written.get(0)).isInstanceOfSatisfying(PushCompleted.class, event -> {
			assertThat(event.usersMoved()).isEqualTo(3);
			assertThat(event.gainingCompanyId()).isEqualTo(gaining);
			assertThat(event.notificationEmail()).isEqualTo("noc@gaining.example");
		});
		assertThat(written.subList(1, 4)).extracting(event -> ((PushRejected) event).reason())
			.containsExactly("CLUSTER_MISMATCH", "PUSH_NOT_ALLOWED", "NOT_DOMAIN_OWNER");
	}

	@Test
	void shouldLeaveEachPushsEventAndEmailInThatPushsTrace() {
		UUID first = accept(domain(losing, null, 1), gaining);
		UUID second = accept(domain(losing, null, 1), gaining);
		UUID untraced = accept(domain(losing, null, 1), gaining);
		String firstTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		String secondTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

		transaction.execute(status -> applier.apply(List.of(first, second, untraced),
				Map.of(first, firstTrace, second, secondTrace)));

		assertThat(traceOf("outbox o", "o.topic = 'domain-push.events' and o.record_key = (select domain_name from "
				+ "pushes where push_id = :id)", first))
			.isEqualTo(firstTrace);
		assertThat(traceOf("outbox o", "o.topic = 'domain-push.events' and o.record_key = (select domain_name from "
				+ "pushes where push_id = :id)", second))
			.isEqualTo(secondTrace);
		assertThat(traceOf("notifications n", "n.push_id = :id and n.audience = 'GAINING'", first))
			.isEqualTo(firstTrace);
		assertThat(traceOf("notifications n", "n.push_id = :id and n.audience = 'GAINING'", second))
			.isEqualTo(secondTrace);
		assertThat(traceOf("notifications n", "n.push_id = :id and n.audience = 'GAINING'", untraced)).isNull();
	}

	private String traceOf(String table, String condition, UUID pushId) {
		return db.sql("select trace_parent from " + table + " where " + condition)
			.param("id", pushId)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.single()
			.orElse(null);
	}

	@Test
	void shouldUndoAndRejectAMoveWhoseCountsDifferAfterItAndApplyTheOthers() {
		String broken = domain(losing, null, 3);
		UUID faulty = accept(broken, gaining);
		UUID sound = accept(domain(losing, null, 2), gaining);
		long eventsBefore = events().size();
		// a defect stood in by a trigger: moving this one domain loses one of its
		// messages
		db.sql("""
				create function lose_a_message() returns trigger language plpgsql as $$
				begin
				  delete from messages where message_id = (select min(m.message_id) from messages m
				    join users u on u.user_id = m.user_id where u.domain_id = new.domain_id);
				  return new;
				end $$""").update();
		db.sql("create trigger lose_a_message after update of company_id on domains for each row when (new.name = '"
				+ broken + "') execute function lose_a_message()")
			.update();
		Map<UUID, Outcome> outcomes;
		try {
			outcomes = apply(faulty, sound);
		}
		finally {
			db.sql("drop trigger lose_a_message on domains").update();
			db.sql("drop function lose_a_message()").update();
		}

		assertThat(outcomes.values()).extracting(Outcome::kind, Outcome::reason)
			.containsExactly(tuple(Kind.REJECTED, "COUNTS_CHANGED"), tuple(Kind.COMPLETED, "none"));
		assertThat(statusAndReason(faulty, sound)).containsExactly("REJECTED COUNTS_CHANGED", "COMPLETED -");
		assertThat(owners(faulty, sound)).containsExactly(losing, gaining);
		assertThat(db.sql("""
				select count(*) from messages m join users u on u.user_id = m.user_id
				  join domains d on d.domain_id = u.domain_id where d.name = :n""")
			.param("n", broken)
			.query(Long.class)
			.single()).as("the move was undone with what it lost").isEqualTo(3);
		assertThat(historyRows(faulty, sound)).containsExactly(0L, 1L);
		assertThat(notificationsOf(faulty, sound))
			.containsExactly("PENDING noc@gaining.example " + MessageIds.of(sound));
		List<PushEvent> written = events().subList((int) eventsBefore, events().size());
		assertThat(written.get(0)).isInstanceOfSatisfying(PushRejected.class,
				(event) -> assertThat(event.reason()).isEqualTo("COUNTS_CHANGED"));
		assertThat(written.get(1)).isInstanceOfSatisfying(PushCompleted.class, (event) -> {
			assertThat(event.pushId()).isEqualTo(sound);
			assertThat(event.usersMoved()).isEqualTo(2);
			assertThat(event.report().messagesMoved()).isEqualTo(2);
		});
	}

	@Test
	void shouldSwitchBillingAtTheNextCycleAndGiveTheGainingCompanyAFrozenCopyOfTheBrand() {
		long brand = brand(losing);
		String domain = domain(losing, brand, 2);
		db.sql("""
				insert into billing_periods (domain_id, company_id, starts_on)
				select domain_id, :c, date '2020-01-01' from domains where name = :n""")
			.param("c", losing)
			.param("n", domain)
			.update();
		UUID push = accept(domain, gaining);

		apply(push);

		LocalDate cycle = BILLING.nextCycleStart(Instant.now());
		assertThat(db.sql("""
				select company_id || ' ' || starts_on || ' ' || coalesce(ends_on::text, 'open') from billing_periods
				 where domain_id = (select domain_id from domains where name = :n) order by starts_on""")
			.param("n", domain)
			.query(String.class)
			.list()).containsExactly(losing + " 2020-01-01 " + cycle, gaining + " " + cycle + " open");
		assertThat(db.sql("""
				select b.company_id = :g and b.name is null and not b.editable and b.source_brand_id = :source
				  from domains d join brands b on b.brand_id = d.brand_id where d.name = :n""")
			.param("g", gaining)
			.param("source", brand)
			.param("n", domain)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(db.sql("select company_id from brands where brand_id = :b")
			.param("b", brand)
			.query(Long.class)
			.single()).as("the losing company keeps its brand").isEqualTo(losing);
		assertThat(db.sql("select count(*) from users u join domains d using (domain_id) where d.name = :n")
			.param("n", domain)
			.query(Long.class)
			.single()).as("users follow the domain untouched").isEqualTo(2);
	}

	@Test
	void shouldChangeNothingWhenTheSameSetIsAppliedAgain() {
		UUID valid = accept(domain(losing, null, 1), gaining);
		UUID refused = accept(domain(losing, null, 1), stranger);
		apply(valid, refused);
		String before = snapshot();

		Map<UUID, Outcome> again = apply(valid, refused, valid);

		assertThat(again.values()).extracting(Outcome::kind, Outcome::reason)
			.containsExactly(tuple(Kind.SKIPPED, "COMPLETED"), tuple(Kind.SKIPPED, "REJECTED"));
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void shouldApplyAPushListedTwiceInOneSetOnce() {
		UUID push = accept(domain(losing, null, 1), gaining);

		Map<UUID, Outcome> outcomes = apply(push, push);

		assertThat(outcomes).containsOnlyKeys(push);
		assertThat(historyRows(push)).containsExactly(1L);
		assertThat(events().stream()
			.filter(event -> event instanceof PushEvent.AboutPush about && about.pushId().equals(push))).hasSize(1);
	}

	@Test
	void shouldFinishABatchOnceWhenItsLastPushEndsWhicheverWayItEnds() {
		UUID batch = batch(gaining);
		UUID completed = acceptInBatch(domain(losing, null, 1), gaining, batch);
		UUID cancelled = acceptInBatch(domain(losing, null, 1), gaining, batch);
		UUID rejected = acceptInBatch(domain(losing, null, 1), gaining, batch);

		apply(completed);
		assertThat(finishedEvents(batch)).isEmpty();
		transaction.executeWithoutResult(status -> pushes.cancel(cancelled));
		assertThat(finishedEvents(batch)).isEmpty();
		db.sql("update domains set company_id = :c where name = (select domain_name from pushes where push_id = :p)")
			.param("c", thirdParty)
			.param("p", rejected)
			.update();
		apply(rejected);
		// seen again: redelivered requests, a second cancellation
		apply(completed, rejected);
		transaction.executeWithoutResult(status -> pushes.cancel(cancelled));

		assertThat(finishedEvents(batch)).singleElement().satisfies(event -> {
			assertThat(event.completed()).isEqualTo(1);
			assertThat(event.cancelled()).isEqualTo(1);
			assertThat(event.rejected()).isEqualTo(1);
			assertThat(event.gainingCompanyId()).isEqualTo(gaining);
		});
		assertThat(events().stream().filter(PushCancelled.class::isInstance)).hasSize(1);
		assertThat(sweep()).isZero();
	}

	/**
	 * The write skew the sweep exists for: two transactions end a batch's last two pushes
	 * at the same moment; each sees the other's push still ACCEPTED, so neither finishes
	 * the batch. Before the sweep such a batch stayed unfinished for ever (no digest, no
	 * batch.finished).
	 */
	@Test
	void shouldFinishABatchWhoseLastTwoPushesEndedInConcurrentTransactions() throws Exception {
		UUID batch = batch(gaining);
		UUID first = acceptInBatch(domain(losing, null, 1), gaining, batch);
		UUID second = acceptInBatch(domain(losing, null, 1), gaining, batch);
		CountDownLatch firstApplied = new CountDownLatch(1);
		CountDownLatch secondCommitted = new CountDownLatch(1);
		CompletableFuture<Void> firstTransaction = CompletableFuture
			.runAsync(() -> transaction.executeWithoutResult(status -> {
				applier.apply(List.of(first));
				firstApplied.countDown();
				await(secondCommitted);
			}));
		assertThat(firstApplied.await(30, TimeUnit.SECONDS)).isTrue();
		apply(second);
		secondCommitted.countDown();
		firstTransaction.get(30, TimeUnit.SECONDS);
		assertThat(statusAndReason(first, second)).containsExactly("COMPLETED -", "COMPLETED -");
		assertThat(finishedEvents(batch)).as("neither transaction saw the batch finished").isEmpty();

		assertThat(sweep()).isEqualTo(1);
		assertThat(sweep()).isZero();
		assertThat(finishedEvents(batch)).singleElement()
			.satisfies(event -> assertThat(event.completed()).isEqualTo(2));
	}

	/**
	 * The waits of the state machine (DESIGN §5) as the worker meets them: a push waiting
	 * for its approval or its time is never applied, one moves out of a wait once, and a
	 * hold keeps a domain where its push put it.
	 */
	@Nested
	class Waits {

		@Test
		void shouldApplyAScheduledPushOnlyOnceItsTimeCame() {
			String domain = domain(losing, null, 2);
			UUID push = accept(domain, gaining, new PushPlan(Instant.now().plusSeconds(2), null));
			assertThat(statusAndReason(push)).containsExactly("SCHEDULED -");
			assertThat(requests(push)).isZero();
			assertThat(apply(push).get(push).kind()).as("the worker skips a push before its time")
				.isEqualTo(Kind.SKIPPED);
			assertThat(owners(push)).containsExactly(losing);

			List<UUID> due = Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> startDue(100), started -> started.contains(push));
			assertThat(due).containsOnlyOnce(push);
			assertThat(statusAndReason(push)).containsExactly("ACCEPTED -");
			assertThat(requests(push)).isEqualTo(1);
			assertThat(changes(push)).containsExactly("null>SCHEDULED", "SCHEDULED>ACCEPTED");
			assertThat(startDue(100)).doesNotContain(push);

			assertThat(apply(push).get(push).kind()).isEqualTo(Kind.COMPLETED);
			assertThat(owners(push)).containsExactly(gaining);
		}

		@Test
		void shouldBillAPushPlannedForACycleStartFromThatCycle() {
			Instant cycleStart = LocalDate.now(ZoneOffset.UTC)
				.withDayOfMonth(1)
				.atStartOfDay(ZoneOffset.UTC)
				.toInstant();
			UUID push = accept(domain(losing, null, 1), gaining, new PushPlan(cycleStart, null));
			assertThat(apply(push).get(push).kind()).isEqualTo(Kind.COMPLETED);
			LocalDate billedFrom = db.sql("select billing_starts_on from pushes where push_id = :p")
				.param("p", push)
				.query(LocalDate.class)
				.single();
			assertThat(billedFrom).isEqualTo(LocalDate.ofInstant(cycleStart, ZoneOffset.UTC));
		}

		@Test
		void shouldApplyAPushAwaitingApprovalOnlyOnceApprovedAndAnswerEachPushOnce() {
			Instant deadline = Instant.now().plusSeconds(3600);
			UUID approved = accept(domain(losing, null, 1), gaining, new PushPlan(null, deadline));
			UUID declined = accept(domain(losing, null, 1), gaining, new PushPlan(null, deadline));
			UUID later = accept(domain(losing, null, 1), gaining,
					new PushPlan(Instant.now().plusSeconds(3600), deadline));
			assertThat(statusAndReason(approved, declined, later)).containsOnly("AWAITING_APPROVAL -");
			assertThat(apply(approved).get(approved).kind()).isEqualTo(Kind.SKIPPED);

			assertThat(decide(() -> pushes.approve(approved))).isTrue();
			assertThat(decide(() -> pushes.decline(declined))).isTrue();
			assertThat(decide(() -> pushes.approve(later))).isTrue();
			assertThat(statusAndReason(approved, declined, later)).containsExactly("ACCEPTED -", "DECLINED -",
					"SCHEDULED -");
			// each push is answered once
			assertThat(decide(() -> pushes.approve(approved))).isFalse();
			assertThat(decide(() -> pushes.decline(approved))).isFalse();
			assertThat(decide(() -> pushes.approve(declined))).isFalse();
			assertThat(requests(approved)).isEqualTo(1);
			assertThat(requests(declined) + requests(later)).isZero();
			assertThat(changes(declined)).containsExactly("null>AWAITING_APPROVAL", "AWAITING_APPROVAL>DECLINED");

			assertThat(apply(approved, declined).values()).extracting(Outcome::kind)
				.containsExactly(Kind.COMPLETED, Kind.SKIPPED);
		}

		@Test
		void shouldRejectAnApprovedPushWhoseLosingCompanyLeftTheAllowedCompaniesMeanwhile() {
			UUID push = accept(domain(losing, null, 1), gaining, new PushPlan(null, Instant.now().plusSeconds(3600)));
			db.sql("delete from push_allowances where gaining_company_id = :g").param("g", gaining).update();
			assertThat(decide(() -> pushes.approve(push))).isTrue();
			assertThat(apply(push).get(push).reason()).isEqualTo("PUSH_NOT_ALLOWED");
			assertThat(owners(push)).containsExactly(losing);
		}

		@Test
		void shouldExpireAnUnansweredPushOnceAndEndItsBatch() {
			UUID batchId = batch(gaining);
			UUID push = acceptInBatch(domain(losing, null, 1), gaining, batchId,
					new PushPlan(null, Instant.now().minusSeconds(1)));
			assertThat(expireDue(100)).containsOnlyOnce(push);
			assertThat(expireDue(100)).doesNotContain(push);
			assertThat(statusAndReason(push)).containsExactly("EXPIRED -");
			assertThat(finishedEvents(batchId)).singleElement().satisfies(finished -> {
				assertThat(finished.expired()).isEqualTo(1);
				assertThat(finished.completed()).isZero();
			});
		}

		@Test
		void shouldStartEachDuePushOnceWhileTwoLoopsRaceForThem() throws Exception {
			List<UUID> planned = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				planned
					.add(accept(domain(losing, null, 1), gaining, new PushPlan(Instant.now().plusMillis(500), null)));
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> db.sql("select count(*) from pushes where push_id = any(:p) and not_before <= now()")
					.param("p", planned.toArray(UUID[]::new))
					.query(Long.class)
					.single() == planned.size());
			CompletableFuture<List<UUID>> first = CompletableFuture.supplyAsync(() -> drainDue(7));
			CompletableFuture<List<UUID>> second = CompletableFuture.supplyAsync(() -> drainDue(7));
			List<UUID> started = new ArrayList<>(first.get(30, TimeUnit.SECONDS));
			started.addAll(second.get(30, TimeUnit.SECONDS));

			assertThat(started).filteredOn(planned::contains).hasSameSizeAs(planned).doesNotHaveDuplicates();
			assertThat(planned.stream().mapToLong(PushApplierIntegrationTests.this::requests).sum())
				.isEqualTo(planned.size());
		}

		@Test
		void shouldHoldADomainPushedToACompanyThatHoldsAndRefuseItsNextPushUntilThen() {
			db.sql("update companies set push_hold_days = 5 where company_id = :g").param("g", gaining).update();
			allow(thirdParty, gaining);
			String domain = domain(losing, null, 1);
			UUID in = accept(domain, gaining);
			assertThat(apply(in).get(in).kind()).isEqualTo(Kind.COMPLETED);
			Instant heldUntil = db.sql("select held_until from domains where name = :n")
				.param("n", domain)
				.query(OffsetDateTime.class)
				.single()
				.toInstant();
			assertThat(heldUntil).isBetween(Instant.now().plus(Duration.ofDays(5)).minusSeconds(60),
					Instant.now().plus(Duration.ofDays(5)));
			assertThat(new PushFactsRepository(db).read(domain, thirdParty).heldUntil()).isEqualTo(heldUntil);

			UUID out = accept(domain, thirdParty);
			assertThat(apply(out).get(out).reason()).isEqualTo("DOMAIN_ON_HOLD");
			assertThat(owners(out)).containsExactly(gaining);

			db.sql("update domains set held_until = now() - interval '1 second' where name = :n")
				.param("n", domain)
				.update();
			UUID afterHold = accept(domain, thirdParty);
			assertThat(apply(afterHold).get(afterHold).kind()).isEqualTo(Kind.COMPLETED);
			assertThat(db.sql("select held_until from domains where name = :n")
				.param("n", domain)
				.query(OffsetDateTime.class)
				.optional()).as("a company without a hold sets none").isEmpty();
		}

		private List<UUID> drainDue(int limit) {
			List<UUID> started = new ArrayList<>();
			List<UUID> round;
			do {
				round = startDue(limit);
				started.addAll(round);
			}
			while (!round.isEmpty());
			return started;
		}

		private List<UUID> startDue(int limit) {
			return transaction.execute(status -> pushes.startDue(limit).stream().map(Pushes.Changed::pushId).toList());
		}

		private List<UUID> expireDue(int limit) {
			return transaction.execute(status -> pushes.expireDue(limit).stream().map(Pushes.Changed::pushId).toList());
		}

		private boolean decide(BooleanSupplier decision) {
			return Boolean.TRUE.equals(transaction.execute(status -> decision.getAsBoolean()));
		}

		/** The push's status changes as its events say them: "previous>status". */
		private List<String> changes(UUID push) {
			return events().stream()
				.filter(PushStatusChanged.class::isInstance)
				.map(PushStatusChanged.class::cast)
				.filter(event -> event.pushId().equals(push))
				.map(event -> event.previousStatus() + ">" + event.status())
				.toList();
		}

	}

	/** The requests of this push written to the outbox. */
	private long requests(UUID push) {
		return db.sql("select count(*) from outbox where topic = :t and payload like :p")
			.param("t", Topics.REQUESTS)
			.param("p", "%" + push + "%")
			.query(Long.class)
			.single();
	}

	private int sweep() {
		Integer finished = transaction.execute(status -> batches.finishStragglers(100));
		return finished == null ? 0 : finished;
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("timed out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private UUID batch(long gainingCompany) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into push_batches (batch_id, gaining_company_id, total, accepted, rejected, submitted_at)
				values (:id, :g, 3, 3, 0, now())""").param("id", id).param("g", gainingCompany).update();
		return id;
	}

	private UUID acceptInBatch(String domain, long to, UUID batchId) {
		return acceptInBatch(domain, to, batchId, PushPlan.NOW);
	}

	private UUID acceptInBatch(String domain, long to, UUID batchId, PushPlan plan) {
		long domainId = db.sql("select domain_id from domains where name = :n")
			.param("n", domain)
			.query(Long.class)
			.single();
		UUID id = UUID.randomUUID();
		transaction.executeWithoutResult(status -> pushes.accept(List.of(new NewPush(id, domainId, domain, losing, to)),
				Submission.batch(null, Instant.now(), batchId).withPlan(plan)));
		return id;
	}

	private List<BatchFinished> finishedEvents(UUID batchId) {
		return events().stream()
			.filter(BatchFinished.class::isInstance)
			.map(BatchFinished.class::cast)
			.filter(event -> event.batchId().equals(batchId))
			.toList();
	}

	private Map<UUID, Outcome> apply(UUID... pushIds) {
		return transaction.execute(status -> applier.apply(List.of(pushIds)));
	}

	private UUID accept(String domain, long to) {
		return accept(domain, to, PushPlan.NOW);
	}

	private UUID accept(String domain, long to, PushPlan plan) {
		long domainId = db.sql("select domain_id from domains where name = :n")
			.param("n", domain)
			.query(Long.class)
			.single();
		long owner = db.sql("select company_id from domains where name = :n")
			.param("n", domain)
			.query(Long.class)
			.single();
		UUID id = UUID.randomUUID();
		transaction.executeWithoutResult(status -> pushes.accept(List.of(new NewPush(id, domainId, domain, owner, to)),
				Submission.single(null, Instant.now(), null, null, null).withPlan(plan)));
		return id;
	}

	private long company(String cluster, String email) {
		return db
			.sql("insert into companies (name, cluster, notification_email) values (:n, :c, :e) returning company_id")
			.param("n", "company " + NAMES.incrementAndGet())
			.param("c", cluster)
			.param("e", email)
			.query(Long.class)
			.single();
	}

	private void allow(long gainingCompany, long losingCompany) {
		db.sql("insert into push_allowances (gaining_company_id, losing_company_id) values (:g, :l)")
			.param("g", gainingCompany)
			.param("l", losingCompany)
			.update();
	}

	private long brand(long company) {
		return db
			.sql("insert into brands (company_id, name, settings) values (:c, 'Acme', '{\"logo\":\"a.png\"}') "
					+ "returning brand_id")
			.param("c", company)
			.query(Long.class)
			.single();
	}

	/** A domain of {@code company} with {@code users} users, one message each. */
	private String domain(long company, Long brand, int users) {
		String name = "d" + NAMES.incrementAndGet() + ".example";
		long domainId = db
			.sql("""
					insert into domains (name, company_id, brand_id, user_count) values (:n, :c, :b, :u) returning domain_id""")
			.param("n", name)
			.param("c", company)
			.param("b", brand)
			.param("u", users)
			.query(Long.class)
			.single();
		db.sql("""
				with u as (insert into users (domain_id, mailbox) select :d, 'user' || i from generate_series(1, :u) i
				           returning user_id)
				insert into messages (user_id, folder, subject, size_bytes) select user_id, 'INBOX', 'hello', 100 from u""")
			.param("d", domainId)
			.param("u", users)
			.update();
		return name;
	}

	private List<String> statusAndReason(UUID... pushIds) {
		return List.of(pushIds)
			.stream()
			.map(id -> db.sql("select status || ' ' || coalesce(reason, '-') from pushes where push_id = :p")
				.param("p", id)
				.query(String.class)
				.single())
			.toList();
	}

	private List<Long> owners(UUID... pushIds) {
		return List.of(pushIds)
			.stream()
			.map(id -> db.sql("select d.company_id from domains d join pushes p using (domain_id) where p.push_id = :p")
				.param("p", id)
				.query(Long.class)
				.single())
			.toList();
	}

	private List<Long> historyRows(UUID... pushIds) {
		return List.of(pushIds)
			.stream()
			.map(id -> db.sql("select count(*) from push_history where push_id = :p")
				.param("p", id)
				.query(Long.class)
				.single())
			.toList();
	}

	private List<String> notificationsOf(UUID... pushIds) {
		return db
			.sql("select status || ' ' || recipient || ' ' || message_id from notifications where push_id = any(:p)")
			.param("p", pushIds)
			.query(String.class)
			.list();
	}

	private List<PushEvent> events() {
		return db.sql("select payload from outbox where topic = :t order by outbox_id")
			.param("t", Topics.EVENTS)
			.query(String.class)
			.list()
			.stream()
			.map(json -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
			.toList();
	}

	/** Everything the worker writes, as one string. */
	private String snapshot() {
		return db
			.sql("""
					select (select string_agg(push_id || status || coalesce(reason, '') || coalesce(completed_at::text, ''), ','
					                          order by push_id) from pushes)
					    || (select count(*) from push_history) || '/' || (select count(*) from billing_periods)
					    || '/' || (select string_agg(domain_id || ':' || company_id, ',' order by domain_id) from domains)
					    || '/' || (select count(*) from notifications) || '/' || (select count(*) from outbox)
					    || '/' || (select count(*) from brands)""")
			.query(String.class)
			.single();
	}

}
