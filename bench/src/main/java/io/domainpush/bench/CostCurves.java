package io.domainpush.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.push.PushStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the cost grows with the work ({@code bench/run.sh --curves}), on the services the
 * benchmark started: (d) users per domain 1, 10, 100, 1,000 at a fixed domain count, with
 * proof that no user or message row was touched; (e) 1,000, 10,000 and 100,000 domains in
 * one batch, with each service's peak RSS after each; (f) single-push latency from the
 * system's own timestamps next to the floor of one push measured in the same run (its
 * statements alone, and one Kafka round trip).
 */
final class CostCurves {

	private final JdbcClient db;

	private final Api api;

	private final long losing;

	private final long gaining;

	private final MailSink mail;

	private final Services services;

	CostCurves(JdbcClient db, Api api, long losing, long gaining, MailSink mail, Services services) {
		this.db = db;
		this.api = api;
		this.losing = losing;
		this.gaining = gaining;
		this.mail = mail;
		this.services = services;
	}

	/**
	 * (d), in {@code rounds} rounds that each push every user count once, on fresh
	 * domains: a batch takes well under a second, a few worker transactions, so one
	 * batch's time says more about how it fell into transactions than about its users;
	 * the median of the rounds is compared (1,000 domains in five rounds still spread
	 * beyond ±15 %; 2,000 in three stayed within ±5 %).
	 * @return the table's lines
	 */
	List<String> usersPerDomain(int domains, List<Integer> userCounts, int rounds) throws Exception {
		Map<Integer, List<Double>> seconds = new LinkedHashMap<>();
		Map<Integer, Integer> changed = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			for (int users : userCounts) {
				String prefix = "u" + users + "r" + round + "x";
				Bench.say("(d) round %d, %d domains of %d users: provisioning ...", round, domains, users);
				Fixtures.domains(db, losing, prefix, domains, users);
				Fixtures.settle(db);
				String before = usersAndMessages(prefix);
				Run run = push(prefix, domains);
				seconds.computeIfAbsent(users, u -> new ArrayList<>()).add(run.completed());
				changed.merge(users, before.equals(usersAndMessages(prefix)) ? 0 : 1, Integer::sum);
			}
		}
		List<String> table = new ArrayList<>();
		table.add(String.format("%-15s %8s %14s %14s   %-24s %s", "users/domain", "domains", "pushes/s",
				"all COMPLETED", "rounds", "rows touched"));
		List<Double> medians = new ArrayList<>();
		for (int users : userCounts) {
			double median = percentile(seconds.get(users), 0.5);
			medians.add(domains / median);
			table.add(String.format("%-15d %8d %14.0f %13.2fs   %-24s %s", users, domains, domains / median, median,
					seconds.get(users).stream().map(t -> String.format("%.2f", t)).toList(),
					changed.get(users) == 0 ? "0" : "CHANGED"));
		}
		double mean = medians.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		table.add(String.format("median pushes/s within %+.0f %% .. %+.0f %% of their mean (%.0f/s)",
				100 * (Collections.min(medians) / mean - 1), 100 * (Collections.max(medians) / mean - 1), mean));
		return table;
	}

	/** (e): @return the table's lines */
	List<String> domainsInOneBatch(List<Integer> counts) throws Exception {
		List<String> table = new ArrayList<>();
		StringBuilder header = new StringBuilder(String.format("%-9s %12s %12s %12s %10s", "domains", "all COMPLETED",
				"all emails", "pushes/s", "s/1000"));
		services.processes().keySet().forEach(name -> header.append(String.format(" %13s", name + " RSS")));
		table.add(header.toString());
		for (int count : counts) {
			String prefix = "n" + count + "x";
			Bench.say("(e) one batch of %d domains: provisioning ...", count);
			Fixtures.domains(db, losing, prefix, count, 1);
			Fixtures.settle(db);
			Run run = push(prefix, count);
			StringBuilder line = new StringBuilder(String.format("%-9d %11.1fs %11.1fs %12.0f %10.2f", count,
					run.completed(), run.emailed(), count / run.emailed(), run.emailed() / count * 1000));
			for (Process process : services.processes().values()) {
				line.append(String.format(" %9.0f MiB", Processes.peakRssMiB(process)));
			}
			table.add(line.toString());
		}
		return table;
	}

	/**
	 * (f): accept to COMPLETED and accept to email of the pushes of domains named
	 * {@code serialPrefix...} (those of (c), or those pushed alone), and the floor of one
	 * push.
	 */
	List<String> singlePushLatency(String serialPrefix, double floorMillisPerPush, String bootstrapServers)
			throws Exception {
		List<Double> completed = new ArrayList<>();
		List<Double> emailed = new ArrayList<>();
		db.sql("""
				select push_id, extract(epoch from submitted_at) * 1000, extract(epoch from completed_at) * 1000
				  from pushes where domain_name like :prefix and status = :completed""")
			.param("prefix", serialPrefix + "%")
			.param("completed", PushStatus.COMPLETED.name())
			.query((rs, n) -> {
				completed.add(rs.getDouble(3) - rs.getDouble(2));
				Long at = mail.acceptedAt().get(MessageIds.of(rs.getObject(1, UUID.class)));
				return at == null ? null : emailed.add(at - rs.getDouble(2));
			})
			.list();
		List<Double> roundTrips = kafkaRoundTrips(bootstrapServers, 200);
		double floor = floorMillisPerPush + percentile(roundTrips, 0.5);
		List<String> lines = new ArrayList<>();
		lines.add(String.format(
				"floor of one push: its statements alone %.1f ms + one Kafka round trip p50 %.1f ms (p99 %.1f) = %.1f ms",
				floorMillisPerPush, percentile(roundTrips, 0.5), percentile(roundTrips, 0.99), floor));
		lines.add(String.format(
				"accept->COMPLETED p50 %.1f ms = %.2f x the floor, p99 %.1f ms (goal p50 <= 1.2 x, p99 <= 60); %d pushes",
				percentile(completed, 0.5), percentile(completed, 0.5) / floor, percentile(completed, 0.99),
				completed.size()));
		lines.add(String.format("accept->email     p50 %.1f ms, p99 %.1f ms (goal p50 <= 30), the SMTP server's clock",
				percentile(emailed, 0.5), percentile(emailed, 0.99)));
		return lines;
	}

	/**
	 * One batch through the services: seconds from its first submission time to its last
	 * completion, and to the last of its emails accepted by the SMTP server, from the
	 * system's own timestamps (polling for the end would add up to its period, 200 ms, to
	 * a batch that takes under a second).
	 */
	private Run push(String prefix, int count) throws Exception {
		int emailsBefore = mail.acceptedAt().size();
		String batch = api.post("/api/v1/push-batches", Fixtures.batchBody(gaining, prefix, count))
			.get("batch_id")
			.asString();
		Processes.waitFor(
				() -> db.sql("select count(*) from pushes where batch_id = cast(:b as uuid) and status = :completed")
					.param("b", batch)
					.param("completed", PushStatus.COMPLETED.name())
					.query(Long.class)
					.single() >= count,
				Duration.ofMinutes(30));
		Processes.waitFor(() -> mail.acceptedAt().size() >= emailsBefore + count, Duration.ofMinutes(30));
		double[] run = new double[2];
		List<UUID> pushes = new ArrayList<>();
		db.sql("""
				select push_id, extract(epoch from min(submitted_at) over ()) * 1000,
				       extract(epoch from max(completed_at) over () - min(submitted_at) over ())
				  from pushes where batch_id = cast(:b as uuid)""").param("b", batch).query((rs, n) -> {
			pushes.add(rs.getObject(1, UUID.class));
			run[0] = rs.getDouble(2);
			run[1] = rs.getDouble(3);
			return null;
		}).list();
		long lastEmail = pushes.stream()
			.map(MessageIds::of)
			.mapToLong(id -> mail.acceptedAt().getOrDefault(id, 0L))
			.max()
			.orElseThrow();
		return new Run(run[1], (lastEmail - run[0]) / 1000.0);
	}

	/**
	 * A fingerprint of the users and messages of the domains: a push must not change a
	 * row of them (users and messages belong to the domain and follow it).
	 */
	private String usersAndMessages(String prefix) {
		return db.sql("""
				select (select count(*) || ':' || coalesce(sum(hashtext(u::text)), 0)
				          from users u join domains d on d.domain_id = u.domain_id where d.name like :p) || '/' ||
				       (select count(*) || ':' || coalesce(sum(hashtext(m::text)), 0)
				          from messages m join users u on u.user_id = m.user_id
				          join domains d on d.domain_id = u.domain_id where d.name like :p)""")
			.param("p", prefix + "%")
			.query(String.class)
			.single();
	}

	/** Milliseconds from producing a record to consuming it, {@code count} times. */
	private static List<Double> kafkaRoundTrips(String bootstrapServers, int count) {
		String topic = "bench-round-trip";
		Properties producerProps = new Properties();
		producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
		producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		Properties consumerProps = new Properties();
		consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<Double> trips = new ArrayList<>();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
				new StringSerializer());
				KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
						new StringDeserializer())) {
			producer.send(new ProducerRecord<>(topic, "k", "create")).get();
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToEnd(List.of(partition));
			consumer.position(partition);
			for (int i = 0; i < count + 20; i++) {
				long start = System.nanoTime();
				producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
				ConsumerRecords<String, String> records;
				do {
					records = consumer.poll(Duration.ofMillis(100));
				}
				while (records.isEmpty());
				if (i >= 20) { // the first ones warm the clients up
					trips.add((System.nanoTime() - start) / 1e6);
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka round trip not measured", ex);
		}
		return trips;
	}

	static double percentile(List<Double> values, double p) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
	}

	private record Run(double completed, double emailed) {
	}

}
