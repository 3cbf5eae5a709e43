package io.domainpush.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds test data through the public API only: companies with admin tokens, permissions,
 * domains. Names are unique per call, so tests sharing one running system do not see each
 * other.
 */
public final class Scenario {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiClient api;

	private final String operatorToken;

	public Scenario(ApiClient api, String operatorToken) {
		this.api = api;
		this.operatorToken = operatorToken;
	}

	/**
	 * A company on {@code cluster} with these default settings, and a token of its own.
	 */
	public Company company(String cluster, Map<String, Object> defaultSettings) {
		String name = "Company " + SEQUENCE.incrementAndGet();
		ApiClient.Response created = api.post("/api/v1/companies", operatorToken,
				ApiClient.json(Map.of("name", name, "cluster", cluster, "default_settings", defaultSettings)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.json().get("company_id").asLong();
		ApiClient.Response token = api.post("/api/v1/companies/" + id + "/tokens", operatorToken,
				ApiClient.json(Map.of("label", "admin")));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		return new Company(id, name, token.json().get("token").asString());
	}

	public Company company(String cluster) {
		return company(cluster, Map.of());
	}

	/**
	 * The gaining company allows the losing one (R3) and optionally sets a notification
	 * email (R9).
	 */
	public void allow(Company gaining, String notificationEmail, Company... losing) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("allowed_companies", java.util.Arrays.stream(losing).map(Company::id).toList());
		settings.put("notification_email", notificationEmail);
		ApiClient.Response response = api.put("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token(),
				ApiClient.json(settings));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	public String uniqueDomain() {
		return "d" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 1_000_000 + ".example";
	}

	/** A domain with {@code users} mailboxes of two messages each (100 and 250 bytes). */
	public String domain(Company owner, int users, String extraJson) {
		return domain(owner, uniqueDomain(), users, extraJson);
	}

	/**
	 * The domain {@code name} with {@code users} mailboxes of two messages each;
	 * {@code extraJson} adds top-level fields (such as {@code "brand_id":5}).
	 */
	public String domain(Company owner, String name, int users, String extraJson) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		if (extraJson != null) {
			body.putAll(JSON.readValue("{" + extraJson + "}", Map.class));
		}
		List<Map<String, Object>> mailboxes = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			mailboxes.add(Map.of("mailbox", "user" + i, "settings", Map.of("quota_mb", 100 + i), "messages",
					List.of(Map.of("folder", "INBOX", "subject", "Hello", "size_bytes", 100),
							Map.of("folder", "Sent", "subject", "Re: Hello", "size_bytes", 250))));
		}
		body.put("users", mailboxes);
		ApiClient.Response created = api.post("/api/v1/companies/" + owner.id() + "/domains", owner.token(),
				ApiClient.json(body));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return name;
	}

	/** A brand of {@code owner} with these settings; @return its brand_id */
	public long brand(Company owner, String name, Map<String, Object> settings) {
		ApiClient.Response created = api.post("/api/v1/companies/" + owner.id() + "/brands", owner.token(),
				ApiClient.json(Map.of("name", name, "settings", settings)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("brand_id").asLong();
	}

	public JsonNode push(Company losing, String domain, Company gaining) {
		ApiClient.Response response = api.post("/api/v1/pushes", losing.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining.id())));
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		return response.json();
	}

	/** A bulk push body: these domains to the company {@code gainingCompanyId}. */
	public static String batchBody(long gainingCompanyId, List<String> domains) {
		return ApiClient.json(Map.of("gaining_company_id", gainingCompanyId, "domains", domains));
	}

	/** A bulk push of these domains by {@code losing}, accepted; @return its batch_id */
	public String batch(Company losing, Company gaining, List<String> domains) {
		ApiClient.Response response = api.post("/api/v1/push-batches", losing.token(),
				batchBody(gaining.id(), domains));
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		return response.json().get("batch_id").asString();
	}

	public record Company(long id, String name, String token) {
	}

}
