package io.domainpush.systemtests;

import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a push would change, asked before it is made, through the REST precheck and OMA's
 * push_domain dry run: each effective setting before and after with its source, the
 * brand's fate, what moves and when billing starts. Asking changes nothing, and a push
 * the rules refuse shows no preview (the gaining company's defaults stay unseen).
 */
class PushPreviewIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldPreviewAnUnbrandedAndABrandedDomainThroughTheRestPrecheck() {
		Company losing = scenario.company("a", Map.of("webmail_theme", "classic", "spam_filter", "normal"));
		Company gaining = scenario.company("a", Map.of("webmail_theme", "modern", "language", "fr"));
		scenario.allow(gaining, null, losing);
		String unbranded = scenario.domain(losing, 2, "\"settings\":{\"spam_filter\":\"strict\"}");
		JsonNode preview = precheck(losing, unbranded, gaining).get("preview");
		assertThat(preview.get("settings")).hasSize(3);
		assertThat(setting(preview, "webmail_theme")).isEqualTo(Map.of("key", "webmail_theme", "before", "classic",
				"after", "modern", "source", "GAINING_COMPANY_DEFAULTS"));
		assertThat(setting(preview, "spam_filter").get("source")).isEqualTo("DOMAIN");
		assertThat(setting(preview, "spam_filter").get("after")).isEqualTo("strict");
		assertThat(setting(preview, "language").get("before")).isNull();
		assertThat(preview.at("/brand/outcome").asString()).isEqualTo("NONE");
		assertThat(preview.get("users").asInt()).isEqualTo(2);
		assertThat(preview.get("messages").asLong()).isEqualTo(4);
		assertThat(preview.get("message_bytes").asLong()).isEqualTo(700);
		assertThat(preview.get("billing_starts_on").asString()).matches("\\d{4}-\\d{2}-01");

		long brand = scenario.brand(losing, "Sunrise", Map.of("webmail_theme", "sunrise"));
		String branded = scenario.domain(losing, 1, "\"brand_id\":" + brand);
		JsonNode brandedPreview = precheck(losing, branded, gaining).get("preview");
		assertThat(brandedPreview.at("/brand/outcome").asString()).isEqualTo("FROZEN");
		assertThat(brandedPreview.at("/brand/name").asString()).isEqualTo("Sunrise");
		assertThat(brandedPreview.get("settings").valueStream()).allMatch(s -> s.get("before").equals(s.get("after")));
		assertThat(setting(brandedPreview, "webmail_theme").get("source")).isEqualTo("BRAND");

		assertThat(api.get("/api/v1/pushes?domain=" + unbranded, losing.token()).json().get("items")).isEmpty();
	}

	@Test
	void shouldShowNoPreviewOfAPushTheRulesRefuse() {
		Company losing = scenario.company("a");
		Company notAllowing = scenario.company("a", Map.of("secret_default", "x"));
		String domain = scenario.domain(losing, 1, null);
		JsonNode refused = precheck(losing, domain, notAllowing);
		assertThat(refused.get("ok").asBoolean()).isFalse();
		assertThat(refused.get("preview").isNull()).isTrue();
		assertThat(refused.toString()).doesNotContain("secret_default");
	}

	@Test
	void shouldAnswerOmasDryRunWithThePreviewOrTheRefusalAndPushNothing() {
		Company losing = scenario.company("a", Map.of("webmail_theme", "classic"));
		Company gaining = scenario.company("a", Map.of("webmail_theme", "modern"));
		Company notAllowing = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String admin = "dry-run-" + losing.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(losing, admin));
		String domain = scenario.domain(losing, 1, null);
		JsonNode dryRun = oma.call("push_domain",
				Map.of("domain", domain, "new_company", gaining.id(), "dry_run", true));
		assertThat(dryRun.get("success").asBoolean()).as(dryRun.toString()).isTrue();
		assertThat(dryRun.get("dry_run").asBoolean()).isTrue();
		assertThat(dryRun.at("/preview/settings/0/after").asString()).isEqualTo("modern");
		OmaIntegrationTests.assertRefused(
				oma.call("push_domain", Map.of("domain", domain, "new_company", notAllowing.id(), "dry_run", true)), 4,
				null);
		assertThat(api.get("/api/v1/pushes?domain=" + domain, losing.token()).json().get("items")).isEmpty();
	}

	/**
	 * The worker records what a push moved in its own transaction: the report answers
	 * with what the preview had shown; a push that did not complete has none, and another
	 * company's push answers like a missing one.
	 */
	@Test
	void shouldReportWhatACompletedPushMovedAsThePreviewShowedIt() {
		Company losing = scenario.company("a", Map.of("webmail_theme", "classic"));
		Company gaining = scenario.company("a", Map.of("webmail_theme", "modern", "language", "fr"));
		Company stranger = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@report.example", losing);
		String domain = scenario.domain(losing, 2, "\"settings\":{\"spam_filter\":\"strict\"}");
		JsonNode preview = precheck(losing, domain, gaining).get("preview");
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		Emails.Parsed email = Emails.parse(Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>").get(0));
		assertThat(email.body()).contains(
				"Moved with it: 4 messages (700 bytes); settings that changed for its users: language, webmail_theme");
		assertThat(email.html()).contains("4 messages (700 bytes)");
		ApiClient.Response answer = api.get("/api/v1/pushes/" + pushId + "/report", gaining.token());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode report = answer.json();
		assertThat(report.get("users_moved").asInt()).isEqualTo(2);
		assertThat(report.get("messages_moved").asLong()).isEqualTo(preview.get("messages").asLong()).isEqualTo(4);
		assertThat(report.get("bytes_moved").asLong()).isEqualTo(700);
		assertThat(report.at("/brand/outcome").asString()).isEqualTo("NONE");
		assertThat(report.get("billing_starts_on")).isEqualTo(preview.get("billing_starts_on"));
		List<JsonNode> changed = report.get("settings_changed").valueStream().toList();
		assertThat(changed).extracting(c -> c.get("key").asString()).containsExactly("language", "webmail_theme");
		assertThat(changed).containsExactlyElementsOf(
				preview.get("settings").valueStream().filter(s -> !s.get("before").equals(s.get("after"))).toList());
		assertThat(api.get("/api/v1/pushes/" + pushId + "/report", losing.token()).json()).isEqualTo(report);
		assertThat(api.get("/api/v1/pushes/" + pushId + "/report", stranger.token()).status()).isEqualTo(404);

		String cancelled;
		system.pauseWorker();
		try {
			cancelled = scenario.push(losing, scenario.domain(losing, 1, null), gaining).get("push_id").asString();
			assertThat(api.delete("/api/v1/pushes/" + cancelled, losing.token()).status()).isEqualTo(200);
		}
		finally {
			system.resumeWorker();
		}
		ApiClient.Response none = api.get("/api/v1/pushes/" + cancelled + "/report", losing.token());
		assertThat(none.status()).isEqualTo(409);
		assertThat(none.json().get("code").asString()).isEqualTo("REPORT_NOT_READY");
	}

	private static JsonNode precheck(Company losing, String domain, Company gaining) {
		ApiClient.Response answer = api.post("/api/v1/pushes/precheck", losing.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining.id())));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> setting(JsonNode preview, String key) {
		List<Object> settings = JSON.convertValue(preview.get("settings"), List.class);
		return (Map<String, Object>) settings.stream()
			.filter(s -> key.equals(((Map<String, Object>) s).get("key")))
			.findFirst()
			.orElseThrow();
	}

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

}
