package io.domainpush.systemtests;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A push from HTTP to the gaining reseller's inbox on real Kafka, PostgreSQL and SMTP.
 */
class PushFlowIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldMoveDomainWithUsersAndMessagesUnchangedAndEmailGainingReseller() throws Exception {
		Company losing = scenario.company("a", Map.of("theme", "losing", "spam", "low", "only_losing", true));
		Company gaining = scenario.company("a", Map.of("theme", "gaining", "spam", "high"));
		String address = "noc-" + gaining.id() + "@gaining.example";
		scenario.allow(gaining, address, losing);
		String domain = scenario.domain(losing, 3, "\"settings\":{\"spam\":\"custom\"}");
		DomainFingerprint before = DomainFingerprint.of(system.db, domain);
		assertThat(api.get("/api/v1/domains/" + domain, losing.token())
			.json()
			.get("effective_settings")
			.get("theme")
			.asString()).isEqualTo("losing");

		JsonNode accepted = scenario.push(losing, domain, gaining);
		assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(accepted.get("losing_company_id").asLong()).isEqualTo(losing.id());
		String pushId = accepted.get("push_id").asString();

		JsonNode push = system.awaitNotification(gaining, pushId, "SENT");
		assertThat(push.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(push.get("users_moved").asInt()).isEqualTo(3);
		LocalDate completedOn = OffsetDateTime.parse(push.get("completed_at").asString()).toLocalDate();
		LocalDate nextCycle = completedOn.with(TemporalAdjusters.firstDayOfNextMonth());
		assertThat(push.get("billing_starts_on").asString()).isEqualTo(nextCycle.toString());
		assertThat(push.get("notification").get("to").asString()).isEqualTo(address);

		// R5: the gaining company sees the domain, the losing one no longer does
		JsonNode moved = api.get("/api/v1/domains/" + domain, gaining.token()).json();
		assertThat(moved.get("company_id").asLong()).isEqualTo(gaining.id());
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).status()).isEqualTo(404);
		assertThat(names(api.get("/api/v1/companies/" + gaining.id() + "/domains", gaining.token()))).contains(domain);
		assertThat(names(api.get("/api/v1/companies/" + losing.id() + "/domains", losing.token())))
			.doesNotContain(domain);
		// R6: gaining defaults, explicit domain settings kept, nothing left of the losing
		// defaults
		assertThat(moved.get("effective_settings")).isEqualTo(json("{\"theme\":\"gaining\",\"spam\":\"custom\"}"));
		// R1: users, messages and their settings unchanged, same ids
		assertThat(moved.get("user_count").asInt()).isEqualTo(3);
		assertThat(moved.get("message_count").asLong()).isEqualTo(6);
		assertThat(moved.get("message_bytes").asLong()).isEqualTo(3 * 350);
		assertThat(DomainFingerprint.of(system.db, domain)).isEqualTo(before);
		JsonNode users = api.get("/api/v1/domains/" + domain + "/users", gaining.token()).json().get("items");
		assertThat(users).hasSize(3);
		assertThat(users.get(0).get("message_bytes").asLong()).isEqualTo(350);
		// R8: losing company billed to the end of this cycle, gaining from the next
		JsonNode periods = api.get("/api/v1/domains/" + domain + "/billing", gaining.token()).json().get("periods");
		assertThat(periods).hasSize(2);
		assertThat(periods.get(0).get("company_id").asLong()).isEqualTo(losing.id());
		assertThat(periods.get(0).get("ends_on").asString()).isEqualTo(nextCycle.toString());
		assertThat(periods.get(1).get("company_id").asLong()).isEqualTo(gaining.id());
		assertThat(periods.get(1).get("starts_on").asString()).isEqualTo(nextCycle.toString());
		assertThat(periods.get(1).get("ends_on").isNull()).isTrue();
		// R9: exactly one email, to the right address, saying what happened
		List<MimeMessage> emails = Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>");
		assertThat(emails).hasSize(1);
		Emails.Parsed email = Emails.parse(emails.get(0));
		assertThat(email.to()).containsExactly(address);
		assertThat(email.subject()).contains(domain, losing.name());
		assertThat(email.body()).contains(domain, losing.name(), "company_id " + losing.id(), "Users moved:   3",
				nextCycle.toString(), completedOn.toString());
		assertThat(email.html()).contains(domain, losing.name(), "<td>3</td>", nextCycle.toString());
		assertThat(emails.get(0).getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		// both sides see the push
		assertThat(api.get("/api/v1/pushes/" + pushId, losing.token()).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/pushes?domain=" + domain, losing.token()).json().get("items")).hasSize(1);
	}

	@Test
	void shouldFreezeBrandAndLetGainingCompanyAssignItsOwn() {
		Company losing = scenario.company("a", Map.of("theme", "losing"));
		Company gaining = scenario.company("a", Map.of("theme", "gaining"));
		scenario.allow(gaining, null, losing);
		JsonNode brand = api
			.post("/api/v1/companies/" + losing.id() + "/brands", losing.token(),
					"{\"name\":\"Losing Brand\",\"settings\":{\"theme\":\"branded\",\"logo\":\"losing.png\"}}")
			.json();
		long brandId = brand.get("brand_id").asLong();
		String domain = scenario.domain(losing, 1, "\"brand_id\":" + brandId);
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
		JsonNode push = system.awaitNotification(gaining, pushId, "SKIPPED");
		assertThat(push.get("status").asString()).isEqualTo("COMPLETED");

		JsonNode moved = api.get("/api/v1/domains/" + domain, gaining.token()).json();
		JsonNode frozen = moved.get("brand");
		assertThat(frozen.get("brand_id").asLong()).isNotEqualTo(brandId);
		assertThat(frozen.get("company_id").asLong()).isEqualTo(gaining.id());
		assertThat(frozen.get("name").isNull()).isTrue();
		assertThat(frozen.get("editable").asBoolean()).isFalse();
		assertThat(frozen.get("settings")).isEqualTo(json("{\"theme\":\"branded\",\"logo\":\"losing.png\"}"));
		assertThat(moved.get("effective_settings").get("theme").asString()).isEqualTo("branded");
		// the losing company's brand is untouched and stays with it
		JsonNode original = api.get("/api/v1/companies/" + losing.id() + "/brands", losing.token())
			.json()
			.get("items")
			.get(0);
		assertThat(original.get("brand_id").asLong()).isEqualTo(brandId);
		assertThat(original.get("name").asString()).isEqualTo("Losing Brand");
		assertThat(original.get("editable").asBoolean()).isTrue();

		ApiClient.Response edit = api.patch("/api/v1/brands/" + frozen.get("brand_id").asLong(), gaining.token(),
				ApiClient.json(Map.of("name", "Mine now")));
		assertThat(edit.status()).isEqualTo(409);
		assertThat(edit.code()).isEqualTo("BRAND_NOT_EDITABLE");
		assertThat(edit.header("Content-Type")).startsWith("application/problem+json");

		long own = scenario.brand(gaining, "Gaining Brand", Map.of("theme", "gaining-brand"));
		ApiClient.Response assigned = api.put("/api/v1/domains/" + domain + "/brand", gaining.token(),
				ApiClient.json(Map.of("brand_id", own)));
		assertThat(assigned.status()).isEqualTo(200);
		assertThat(assigned.json().get("brand").get("name").asString()).isEqualTo("Gaining Brand");
		assertThat(assigned.json().get("effective_settings").get("theme").asString()).isEqualTo("gaining-brand");
		// the losing company cannot assign a brand to a domain it no longer owns
		assertThat(api
			.put("/api/v1/domains/" + domain + "/brand", losing.token(), ApiClient.json(Map.of("brand_id", brandId)))
			.status()).isEqualTo(404);
	}

	@Test
	void shouldGiveDomainsOfOneBrandPushedTogetherOneFrozenCopy() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		long brandId = scenario.brand(losing, "Shared", Map.of("theme", "shared"));
		List<String> domains = List.of(scenario.domain(losing, 1, "\"brand_id\":" + brandId),
				scenario.domain(losing, 1, "\"brand_id\":" + brandId),
				scenario.domain(losing, 1, "\"brand_id\":" + brandId));
		String batch = scenario.batch(losing, gaining, domains);
		await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !api.get("/api/v1/push-batches/" + batch, losing.token()).json().get("finished_at").isNull());
		// a later push of another domain of the same brand reuses the copy too
		String later = scenario.domain(losing, 1, "\"brand_id\":" + brandId);
		system.awaitStatus(losing, scenario.push(losing, later, gaining).get("push_id").asString(), "COMPLETED");

		JsonNode gainingBrands = api.get("/api/v1/companies/" + gaining.id() + "/brands", gaining.token()).json();
		assertThat(gainingBrands.get("items")).hasSize(1);
		long frozen = gainingBrands.get("items").get(0).get("brand_id").asLong();
		assertThat(gainingBrands.get("items").get(0).get("editable").asBoolean()).isFalse();
		for (String domain : List.of(domains.get(0), domains.get(1), domains.get(2), later)) {
			assertThat(
					api.get("/api/v1/domains/" + domain, gaining.token()).json().get("brand").get("brand_id").asLong())
				.isEqualTo(frozen);
		}
	}

	static JsonNode json(String text) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
	}

	private static List<String> names(ApiClient.Response page) {
		return page.json().get("items").valueStream().map(d -> d.get("name").asString()).toList();
	}

}
