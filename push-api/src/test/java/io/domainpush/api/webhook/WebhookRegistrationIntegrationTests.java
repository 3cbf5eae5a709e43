package io.domainpush.api.webhook;

import java.util.List;

import io.domainpush.api.PushApiApplication;
import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration as production configures it (private networks not allowed): a URL that is,
 * or resolves to, an internal address is refused with 422 WEBHOOK_URL_REFUSED and nothing
 * is stored; a public address is accepted without being contacted.
 */
@SpringBootTest(classes = PushApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + PushApiApplication.CONFIG_NAME, "push.kafka.partitions=1",
				"push.security.operator-token=" + WebhookRegistrationIntegrationTests.OPERATOR,
				"push.webhooks.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WebhookRegistrationIntegrationTests {

	static final String OPERATOR = "webhook-test-operator-token-0123456789";

	@LocalServerPort
	int port;

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
	void shouldRefuseInternalAddressesAndStoreNothing() {
		long company = api.post("/api/v1/companies", OPERATOR, "{\"name\":\"Hooked\",\"cluster\":\"a\"}")
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
			assertThat(refused.json().get("detail").asString()).as(url).contains("not a public address");
		}
		assertThat(api.get(base, OPERATOR).json().get("items")).isEmpty();
		ApiClient.Response accepted = api.post(base, OPERATOR,
				"{\"url\":\"https://93.184.216.34/hook\",\"events\":[\"push.completed\",\"push.completed\"]}");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
		assertThat(accepted.json().get("events")).hasSize(1);
		assertThat(accepted.header("Location")).endsWith(accepted.json().get("webhook_id").asString());
	}

}
