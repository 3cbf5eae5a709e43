package io.domainpush.systemtests;

import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who changed what: settings (before and after), pushes submitted and cancelled, tokens
 * created and revoked.
 */
class AuditIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldRecordChangesWithActorBeforeAndAfter() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc@gaining.example", losing);
		scenario.allow(gaining, "ops@gaining.example", losing);
		JsonNode token = api
			.post("/api/v1/companies/" + losing.id() + "/tokens", losing.token(), ApiClient.json(Map.of("label", "ci")))
			.json();
		api.delete("/api/v1/companies/" + losing.id() + "/tokens/" + token.get("token_id").asString(), losing.token());
		String domain = scenario.domain(losing, 1, null);
		system.pauseWorker();
		String pushId;
		try {
			pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
			assertThat(api.delete("/api/v1/pushes/" + pushId, losing.token()).status()).isEqualTo(200);
		}
		finally {
			system.resumeWorker();
		}

		List<JsonNode> gainingTrail = entries(api.get("/api/v1/companies/" + gaining.id() + "/audit", gaining.token()));
		JsonNode change = gainingTrail.get(0);
		assertThat(change.get("action").asString()).isEqualTo("DOMAIN_PUSH_SETTINGS_CHANGED");
		assertThat(change.get("before").get("notification_email").asString()).isEqualTo("noc@gaining.example");
		assertThat(change.get("after").get("notification_email").asString()).isEqualTo("ops@gaining.example");
		assertThat(change.get("actor_company_id").asLong()).isEqualTo(gaining.id());
		assertThat(change.get("actor_token_id").isNull()).isFalse();

		List<String> losingActions = entries(api.get("/api/v1/companies/" + losing.id() + "/audit", losing.token()))
			.stream()
			.map(e -> e.get("action").asString() + " " + e.get("target").asString())
			.toList();
		assertThat(losingActions).containsSubsequence("PUSH_CANCELLED push " + pushId, "PUSH_SUBMITTED push " + pushId,
				"TOKEN_REVOKED token " + token.get("token_id").asString(),
				"TOKEN_CREATED token " + token.get("token_id").asString());
		// the operator created both companies, and sees every entry
		assertThat(losingActions).contains("COMPANY_CREATED company " + losing.id());
		assertThat(entries(api.get("/api/v1/audit?size=200", RunningSystem.OPERATOR_TOKEN))).isNotEmpty();
		// another company's trail is not found; the whole trail is for the operator only
		assertThat(api.get("/api/v1/companies/" + losing.id() + "/audit", gaining.token()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/audit", gaining.token()).status()).isEqualTo(403);
		// a refused change leaves no entry
		int before = entries(api.get("/api/v1/companies/" + gaining.id() + "/audit", gaining.token())).size();
		assertThat(api
			.put("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token(),
					"{\"allowed_companies\":[],\"notification_email\":\"bad\\r\\nBcc: x@y.example\"}")
			.status()).isEqualTo(400);
		assertThat(entries(api.get("/api/v1/companies/" + gaining.id() + "/audit", gaining.token()))).hasSize(before);
	}

	@Test
	void shouldRefuseControlCharactersInNames() {
		assertThat(api
			.post("/api/v1/companies", RunningSystem.OPERATOR_TOKEN,
					"{\"name\":\"Evil\\r\\naudit action=FORGED\",\"cluster\":\"a\"}")
			.status()).isEqualTo(400);
	}

	private static List<JsonNode> entries(ApiClient.Response page) {
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page.json().get("items").valueStream().toList();
	}

}
