package io.domainpush.api.webhook;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.domainpush.api.PushApiApplication;
import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.TestPostgres;
import io.domainpush.core.webhook.HostResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registration as production configures it (private networks not allowed): a URL that is,
 * or resolves to, an internal address is refused with 422 WEBHOOK_URL_REFUSED and nothing
 * is stored; a public address is accepted without being contacted; and a name whose DNS
 * answers slowly holds neither the company's row nor a database connection while it is
 * resolved.
 */
@SpringBootTest(classes = PushApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + PushApiApplication.CONFIG_NAME, "push.kafka.partitions=1",
				"push.security.operator-token=" + WebhookRegistrationIntegrationTests.OPERATOR,
				"push.webhooks.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(WebhookRegistrationIntegrationTests.SlowDns.class)
class WebhookRegistrationIntegrationTests {

	static final String OPERATOR = "webhook-test-operator-token-0123456789";

	/** Names under this domain resolve only when the test lets them. */
	static final String SLOW_DOMAIN = ".slow-dns.example";

	static final CountDownLatch DNS_ANSWERS = new CountDownLatch(1);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient db;

	@Autowired
	DataSource dataSource;

	@TestConfiguration
	static class SlowDns {

		@Bean
		@Primary
		HostResolver slowResolver() {
			return host -> {
				if (!host.endsWith(SLOW_DOMAIN)) {
					return HostResolver.system().resolve(host);
				}
				try {
					DNS_ANSWERS.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return new InetAddress[] { InetAddress.getByName("93.184.216.34") };
			};
		}

	}

	private ApiClient api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

	@BeforeEach
	void client() {
		api = new ApiClient("http://127.0.0.1:" + port);
	}

	@Test
	void shouldResolveTheNameBeforeTakingTheCompanysLockOrAConnection() throws Exception {
		long company = api
			.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Slow DNS", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		CompletableFuture<ApiClient.Response> registering = CompletableFuture
			.supplyAsync(() -> api.post("/api/v1/companies/" + company + "/webhooks", OPERATOR,
					"{\"url\":\"https://hooks" + SLOW_DOMAIN + "/in\",\"events\":[\"push.completed\"]}"));
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> DNS_ANSWERS.getCount() == 1 && waitingInResolver() && !registering.isDone());
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try (PreparedStatement lock = connection
					.prepareStatement("select 1 from companies where company_id = ? for update nowait")) {
					lock.setLong(1, company);
					assertThat(lock.executeQuery().next()).as("the company's row is free while DNS answers").isTrue();
				}
				connection.rollback();
			}
			assertThat(db.sql("""
					select count(*) from pg_stat_activity
					 where datname = current_database() and state like 'idle in transaction%'""")
				.query(Long.class)
				.single()).as("no transaction waits on DNS").isZero();
		}
		finally {
			DNS_ANSWERS.countDown();
		}
		assertThat(registering.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
	}

	/** Whether a request thread is inside the slow resolver. */
	private static boolean waitingInResolver() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.anyMatch(thread -> Arrays.stream(thread.getValue())
				.anyMatch(frame -> frame.getClassName().contains("SlowDns")));
	}

	@Test
	void shouldRefuseInternalAddressesAndStoreNothing() {
		long company = api.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Hooked", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		String base = "/api/v1/companies/" + company + "/webhooks";
		for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
				"http://192.168.0.10/hook", "http://172.16.5.5/hook", "http://169.254.169.254/latest/meta-data/",
				"http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://[::1]/hook", "http://[fd00::1]/hook",
				"http://[::ffff:127.0.0.1]/hook", "http://[fe80::1]/hook")) {
			ApiClient.Response refused = api.post(base, OPERATOR,
					"{\"url\":\"" + url + "\",\"events\":[\"push.completed\"]}");
			assertThat(refused.status()).as(url).isEqualTo(422);
			assertThat(refused.code()).as(url).isEqualTo("WEBHOOK_URL_REFUSED");
			assertThat(refused.json().get("detail").asString()).as(url)
				.contains("resolves to an address that is not public");
		}
		assertThat(api.get(base, OPERATOR).json().get("items")).isEmpty();
		ApiClient.Response accepted = api.post(base, OPERATOR,
				"{\"url\":\"https://93.184.216.34/hook\",\"events\":[\"push.completed\",\"push.completed\"]}");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
		assertThat(accepted.json().get("events")).hasSize(1);
		assertThat(accepted.header("Location")).endsWith(accepted.json().get("webhook_id").asString());
	}

}
