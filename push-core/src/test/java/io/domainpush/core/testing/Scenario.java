package io.domainpush.core.testing;

import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds test data through the public API only: companies with admin tokens, permissions,
 * domains. Names are unique per call, so tests sharing one running system do not see each
 * other.
 */
public final class Scenario {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final ApiClient api;

	private final String operatorToken;

	public Scenario(ApiClient api, String operatorToken) {
		this.api = api;
		this.operatorToken = operatorToken;
	}

	public Company company(String cluster, String defaultSettingsJson) {
		String name = "Company " + SEQUENCE.incrementAndGet();
		ApiClient.Response created = api.post("/api/v1/companies", operatorToken, "{\"name\":\"" + name
				+ "\",\"cluster\":\"" + cluster + "\",\"default_settings\":" + defaultSettingsJson + "}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.json().get("company_id").asLong();
		ApiClient.Response token = api.post("/api/v1/companies/" + id + "/tokens", operatorToken,
				"{\"label\":\"admin\"}");
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		return new Company(id, name, token.json().get("token").asString());
	}

	public Company company(String cluster) {
		return company(cluster, "{}");
	}

	/**
	 * The gaining company allows the losing one (R3) and optionally sets a notification
	 * email (R9).
	 */
	public void allow(Company gaining, String notificationEmail, Company... losing) {
		StringBuilder ids = new StringBuilder();
		for (Company company : losing) {
			ids.append(ids.isEmpty() ? "" : ",").append(company.id());
		}
		String email = notificationEmail == null ? "null" : "\"" + notificationEmail + "\"";
		ApiClient.Response response = api.put("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token(),
				"{\"allowed_companies\":[" + ids + "],\"notification_email\":" + email + "}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	public String uniqueDomain() {
		return "d" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 1_000_000 + ".example";
	}

	/** A domain with {@code users} mailboxes of two messages each (100 and 250 bytes). */
	public String domain(Company owner, int users, String extraJson) {
		return domain(owner, uniqueDomain(), users, extraJson);
	}

	/** The domain {@code name} with {@code users} mailboxes of two messages each. */
	public String domain(Company owner, String name, int users, String extraJson) {
		StringBuilder body = new StringBuilder("{\"name\":\"").append(name).append('"');
		if (extraJson != null) {
			body.append(',').append(extraJson);
		}
		body.append(",\"users\":[");
		for (int i = 0; i < users; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"mailbox\":\"user")
				.append(i)
				.append("\",\"settings\":{\"quota_mb\":")
				.append(100 + i)
				.append("},\"messages\":[{\"folder\":\"INBOX\",\"subject\":\"Hello\",\"size_bytes\":100},")
				.append("{\"folder\":\"Sent\",\"subject\":\"Re: Hello\",\"size_bytes\":250}]}");
		}
		body.append("]}");
		ApiClient.Response created = api.post("/api/v1/companies/" + owner.id() + "/domains", owner.token(),
				body.toString());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return name;
	}

	public JsonNode push(Company losing, String domain, Company gaining) {
		ApiClient.Response response = api.post("/api/v1/pushes", losing.token(),
				"{\"domain\":\"" + domain + "\",\"gaining_company_id\":" + gaining.id() + "}");
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		return response.json();
	}

	public record Company(long id, String name, String token) {
	}

}
