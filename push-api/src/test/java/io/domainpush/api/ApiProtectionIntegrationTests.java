package io.domainpush.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * push-api on its own (real PostgreSQL, real broker) with small limits: per-token and
 * per-company rate limits, tokens per company, throttling of failed authentication (which
 * must never lock out a valid token), security headers, JSON nesting. The throttling test
 * runs last: it uses up this address's allowance of failures for a minute.
 */
@SpringBootTest(classes = PushApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + PushApiApplication.CONFIG_NAME, "push.kafka.partitions=1",
				"push.security.operator-token=" + ApiProtectionIntegrationTests.OPERATOR,
				"push.api.rate-limit.requests-per-minute=20", "push.api.rate-limit.requests-per-minute-per-company=30",
				"push.api.rate-limit.failed-authentications-per-minute=3", "push.api.limits.max-tokens-per-company=3" })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiProtectionIntegrationTests {

	static final String OPERATOR = "protection-test-operator-token-0123456789";

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient db;

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
	@Order(1)
	void shouldLimitRequestsPerTokenWith429AndRetryAfter() {
		long company = api
			.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Limited", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		String first = api
			.post("/api/v1/companies/" + company + "/tokens", OPERATOR, ApiClient.json(Map.of("label", "one")))
			.json()
			.get("token")
			.asString();
		String second = api
			.post("/api/v1/companies/" + company + "/tokens", OPERATOR, ApiClient.json(Map.of("label", "two")))
			.json()
			.get("token")
			.asString();
		for (int i = 0; i < 20; i++) {
			assertThat(api.get("/api/v1/companies/" + company, first).status()).isEqualTo(200);
		}
		ApiClient.Response limited = api.get("/api/v1/companies/" + company, first);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("RATE_LIMITED");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		// the limit is per token
		assertThat(api.get("/api/v1/companies/" + company, second).status()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void shouldSendSecurityHeadersOnTheApiAndSwaggerUi() {
		ApiClient.Response docs = api.get("/v3/api-docs", null);
		assertThat(docs.header("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(docs.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(docs.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(docs.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(docs.header("Cache-Control")).contains("no-store");
		ApiClient.Response ui = api.get("/swagger-ui/index.html", null);
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.header("Content-Security-Policy")).startsWith("default-src 'self'")
			.contains("frame-ancestors 'none'");
		assertThat(ui.header("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	@Order(3)
	void shouldRefuseDeeplyNestedJson() {
		String deep = "[".repeat(2000) + "]".repeat(2000);
		ApiClient.Response response = api.post("/api/v1/companies", OPERATOR,
				"{\"name\":\"Deep\",\"cluster\":\"a\",\"default_settings\":{\"x\":" + deep + "}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	@Order(4)
	void shouldLimitTokensPerCompanyAndRequestsOfAllItsTokensTogether() {
		long company = api
			.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Minting", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		java.util.List<String> tokens = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			tokens.add(api
				.post("/api/v1/companies/" + company + "/tokens", OPERATOR, ApiClient.json(Map.of("label", "t" + i)))
				.json()
				.get("token")
				.asString());
		}
		ApiClient.Response fourth = api.post("/api/v1/companies/" + company + "/tokens", OPERATOR,
				ApiClient.json(Map.of("label", "t4")));
		assertThat(fourth.status()).isEqualTo(409);
		assertThat(fourth.code()).isEqualTo("TOO_MANY_TOKENS");
		// three tokens of 20 requests a minute each, but 30 for the company: rotating
		// them buys nothing
		int answered = 0;
		ApiClient.Response last = null;
		for (int i = 0; i < 40; i++) {
			last = api.get("/api/v1/companies/" + company, tokens.get(i % 3));
			if (last.status() == 200) {
				answered++;
			}
		}
		assertThat(answered).isEqualTo(30);
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.json().get("detail").asString()).contains("from this company");
	}

	@Test
	@Order(5)
	void shouldAnswerErrorsTomcatMeetsInThePlatformsStyleForProgramsAndForPeople() throws Exception {
		HttpResponse<String> rest = raw(HttpRequest.newBuilder(URI.create(base() + "/api/v1/%2e%2e%2fsecret")));
		assertThat(rest.statusCode()).isEqualTo(400);
		assertThat(rest.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(rest.body()).contains("\"code\":\"VALIDATION_FAILED\"").doesNotContainIgnoringCase("tomcat");
		HttpResponse<String> oma = raw(HttpRequest.newBuilder(URI.create(base() + "/api/%2e%2e%2fsecret")));
		assertThat(oma.statusCode()).isEqualTo(400);
		assertThat(oma.body()).startsWith("{\"success\":false").doesNotContainIgnoringCase("tomcat");
		HttpResponse<String> page = raw(HttpRequest.newBuilder(URI.create(base() + "/console/%2e%2e%2fsecret")));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains("The request could not be read").doesNotContainIgnoringCase("tomcat");
		HttpResponse<String> headers = raw(HttpRequest.newBuilder(URI.create(base() + "/api/v1/companies"))
			.header("X-Padding", "x".repeat(20_000)));
		assertThat(headers.statusCode()).isEqualTo(400);
		assertThat(headers.body()).doesNotContainIgnoringCase("tomcat");
		HttpResponse<String> tooLarge = raw(HttpRequest.newBuilder(URI.create(base() + "/console/account/password"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("x=" + "y".repeat(2_000_000))));
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(tooLarge.body()).contains("The request is too large");
	}

	@Test
	@Order(6)
	void shouldNotBelieveForwardedHeadersFromAnUntrustedClient() {
		long company = api
			.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Forwarded", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		String username = "forwarded-" + company + "@protection.example";
		api.post("/api/v1/companies/" + company + "/admins", OPERATOR,
				ApiClient.json(Map.of("username", username, "password", "a-long-and-Rare-passphrase")));
		api.send("POST", "/api/echo", null,
				"{\"credentials\":{\"user\":\"" + username + "\",\"password\":\"not-the-passphrase\"}}",
				java.util.Map.of("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"));
		assertThat(db.sql("select after->>'address' from audit_log where company_id = :c and action = 'SIGN_IN_FAILED'")
			.param("c", company)
			.query(String.class)
			.single()).as("the address the connection came from, not the one a header claims").isEqualTo("127.0.0.1");
	}

	@Test
	@Order(6)
	void shouldNeverBuildARedirectFromTheHostHeader() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.getOutputStream()
				.write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.US_ASCII);
			assertThat(answer).startsWith("HTTP/1.1 302")
				.contains("Location: /console/")
				.doesNotContain("evil.example");
		}
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private static HttpResponse<String> raw(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	@Order(7)
	void shouldThrottleWrongTokensFromAnAddressWithoutLockingOutValidOnes() {
		long company = api
			.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Behind a NAT", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		String valid = api
			.post("/api/v1/companies/" + company + "/tokens", OPERATOR, ApiClient.json(Map.of("label", "nat")))
			.json()
			.get("token")
			.asString();
		for (int i = 0; i < 3; i++) {
			assertThat(api.get("/api/v1/companies/1001", "dp_wrong-" + i).status()).isEqualTo(401);
		}
		ApiClient.Response throttled = api.get("/api/v1/companies/1001", "dp_wrong-again");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.code()).isEqualTo("RATE_LIMITED");
		assertThat(throttled.header("Retry-After")).isNotNull();
		// the same address, with valid credentials: a company admin and the operator are
		// served as usual
		assertThat(api.get("/api/v1/companies/" + company, valid).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/companies/" + company, OPERATOR).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/companies/1001", "dp_wrong-still").status()).isEqualTo(429);
	}

}
