package io.domainpush.systemtests;

import java.time.Duration;
import java.util.List;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one company learns of others, and of the platform: a list of allowed companies
 * holding unknown ids is refused with one answer (which ids, and how many, unsaid);
 * another company's name shows only where a push between the two shows it already; a
 * settings change must say what it does with the notification address; a cancellation
 * that finds nothing to cancel leaves no trace in the audit trail.
 */
class RevealNothingIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldAnswerAlikeForAnyListHoldingAnUnknownCompany() {
		Company gaining = scenario.company("a");
		Company known = scenario.company("a");
		ApiClient.Response oneUnknown = allow(gaining, "[9999999]");
		ApiClient.Response someUnknown = allow(gaining, "[" + known.id() + ",9999998,9999997]");
		assertThat(oneUnknown.status()).isEqualTo(someUnknown.status()).isEqualTo(422);
		assertThat(oneUnknown.body()).isEqualTo(someUnknown.body()).doesNotContain("9999999").doesNotContain("99999");
		assertThat(oneUnknown.code()).isEqualTo("COMPANY_NOT_FOUND");
	}

	@Test
	void shouldShowAnotherCompanysNameOnlyWhereAPushShowsItAlready() {
		Company gaining = scenario.company("a");
		Company pushedBefore = scenario.company("a");
		Company neverPushed = scenario.company("a");
		scenario.allow(gaining, null, pushedBefore, neverPushed);
		system.awaitStatus(gaining,
				scenario.push(pushedBefore, scenario.domain(pushedBefore, 1, null), gaining).get("push_id").asString(),
				"COMPLETED");
		String username = "names-" + gaining.id() + "@reveal.example";
		String password = system.admin(gaining, username);
		ConsoleClient console = new ConsoleClient(system.baseUrl);
		console.signIn(username, password);
		String settings = console.get("/console/companies/" + gaining.id()).body();
		assertThat(settings).contains(pushedBefore.name())
			.contains("Company " + neverPushed.id())
			.doesNotContain(neverPushed.name() + "<");
	}

	@Test
	void shouldRequireTheNotificationAddressInAFullSettingsChange() {
		Company company = scenario.company("a");
		scenario.allow(company, "noc-" + company.id() + "@reveal.example");
		ApiClient.Response partial = api.put("/api/v1/companies/" + company.id() + "/domain-push", company.token(),
				"{\"allowed_companies\":[]}");
		assertThat(partial.status()).isEqualTo(400);
		assertThat(partial.json().get("detail").asString()).contains("'notification_email' is required");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domain-push", company.token())
			.json()
			.get("notification_email")
			.asString()).as("nothing changed").isEqualTo("noc-" + company.id() + "@reveal.example");
	}

	@Test
	void shouldNotAuditACancellationThatFoundNothingToCancel() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String domain = scenario.domain(losing, 1, null);
		String batch = scenario.batch(losing, gaining, List.of(domain));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !api.get("/api/v1/push-batches/" + batch, losing.token()).json().get("finished_at").isNull());
		assertThat(api.delete("/api/v1/push-batches/" + batch, losing.token()).status()).isEqualTo(200);
		assertThat(system.db.sql("select count(*) from audit_log where action = 'BATCH_CANCELLED' and target = :t")
			.param("t", "batch " + batch)
			.query(Long.class)
			.single()).isZero();
	}

	private ApiClient.Response allow(Company gaining, String ids) {
		return api.put("/api/v1/companies/" + gaining.id() + "/domain-push", gaining.token(),
				"{\"allowed_companies\":" + ids + ",\"notification_email\":null}");
	}

}
