package io.domainpush.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OMA-compatible API as an existing integration uses it: requests and answers shaped
 * as OMA's documentation shows them (its examples for change_company, get_company,
 * push_domain), the article's flow end to end, every refusal with its number and nothing
 * changed, session tokens, and a retry after a timeout that attaches to the same push.
 */
class OmaIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldPushADomainByTheArticlesStepsThroughOma() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		String losingAdmin = "oma-losing-" + losing.id() + "@oma.example";
		String gainingAdmin = "oma-gaining-" + gaining.id() + "@oma.example";
		String losingPassword = system.admin(losing, losingAdmin);
		String gainingPassword = system.admin(gaining, gainingAdmin);
		String domain = scenario.domain(losing, 3, null);
		DomainFingerprint before = DomainFingerprint.of(system.db, domain);
		String notify = "noc-" + gaining.id() + "@oma.example";

		// the gaining reseller allows the losing one and sets its notification address
		ApiClient.Response changed = post("change_company", """
				{
				  "credentials": {"user": "%s", "password": "%s"},
				  "company": "%s",
				  "attributes": {"domain_push_allowed": ["%d"], "domain_push_notify": "%s"}
				}""".formatted(gainingAdmin, gainingPassword, gaining.name(), losing.id(), notify));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("success").asBoolean()).as(changed.body()).isTrue();

		JsonNode company = post("get_company", """
				{"credentials": {"user": "%s", "password": "%s"}, "company": "%s"}""".formatted(gainingAdmin,
				gainingPassword, gaining.name()))
			.json();
		assertThat(company.get("success").asBoolean()).isTrue();
		assertThat(company.at("/attributes/domain_push_allowed/0").asLong()).isEqualTo(losing.id());
		assertThat(company.at("/attributes/domain_push_notify").asString()).isEqualTo(notify);

		// the losing reseller pushes the domain; success means it is in the new company
		JsonNode pushed = post("push_domain", """
				{
				  "credentials": {"user": "%s", "password": "%s"},
				  "domain": "%s",
				  "new_company": "%d"
				}""".formatted(losingAdmin, losingPassword, domain, gaining.id())).json();
		assertThat(pushed.get("success").asBoolean()).as(pushed.toString()).isTrue();
		assertThat(pushed.get("status").asString()).isEqualTo("COMPLETED");
		String pushId = pushed.get("push_id").asString();

		// at once, no waiting: the gaining side sees the domain, OMA and REST alike
		JsonNode domainSeen = post("get_domain", """
				{"credentials": {"user": "%s", "password": "%s"}, "domain": "%s"}""".formatted(gainingAdmin,
				gainingPassword, domain))
			.json();
		assertThat(domainSeen.get("success").asBoolean()).isTrue();
		assertThat(domainSeen.at("/attributes/company_id").asLong()).isEqualTo(gaining.id());
		assertThat(domainSeen.at("/attributes/company").asString()).isEqualTo(gaining.name());
		assertThat(domainSeen.at("/metadata/users").asInt()).isEqualTo(3);
		assertThat(api.get("/api/v1/domains/" + domain, gaining.token()).json().get("company_id").asLong())
			.isEqualTo(gaining.id());
		assertThat(DomainFingerprint.of(system.db, domain)).isEqualTo(before);

		system.awaitNotification(gaining, pushId, "SENT");
		var emails = Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>");
		assertThat(emails).hasSize(1);
		assertThat(Emails.parse(emails.get(0)).to()).containsExactly(notify);
		assertThat(system.db.sql("select action from audit_log where company_id = :c order by audit_id")
			.param("c", gaining.id())
			.query(String.class)
			.list()).contains("DOMAIN_PUSH_SETTINGS_CHANGED");
	}

	@Test
	void shouldRefuseEveryBrokenRuleWithItsNumberAndChangeNothing() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company elsewhere = scenario.company("b");
		Company stranger = scenario.company("a");
		String admin = "oma-refused-" + losing.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(losing, admin));
		String domain = scenario.domain(losing, 1, null);
		String strangersDomain = scenario.domain(stranger, 1, null);
		scenario.allow(elsewhere, null, losing);

		JsonNode notAllowed = oma.call("push_domain", Map.of("domain", domain, "new_company", gaining.id()));
		assertRefused(notAllowed, 4, "has not allowed pushes");
		assertRefused(oma.call("push_domain", Map.of("domain", domain, "new_company", elsewhere.id())), 4,
				"same email cluster");
		assertRefused(oma.call("push_domain", Map.of("domain", domain, "new_company", losing.id())), 4,
				"already belongs");
		assertRefused(oma.call("push_domain", Map.of("domain", strangersDomain, "new_company", gaining.id())), 2,
				"not found");
		assertRefused(
				oma.call("push_domain",
						Map.of("domain", "nowhere-" + losing.id() + ".example", "new_company", gaining.id())),
				2, "not found");
		// a company that does not exist answers as one that has not allowed the caller
		// (no
		// probing for companies)
		assertThat(oma.call("push_domain", Map.of("domain", domain, "new_company", 999_999_999L)))
			.isEqualTo(notAllowed);
		assertRefused(oma.call("push_domain", Map.of("domain", domain)), 5, "'new_company' is required");
		assertRefused(oma.call("push_domain", Map.of("domain", domain, "new_company", "twelve")), 5, "company id");
		assertRefused(oma.call("push_domain", Map.of("domain", domain, "new_company", gaining.id(), "force", true)), 5,
				"Unknown field 'force'");
		// another company, by name or id, answers as a company that does not exist
		JsonNode strangers = oma.call("get_company", Map.of("company", stranger.name()));
		assertRefused(strangers, 2, "not found");
		assertThat(oma.call("get_company", Map.of("company", "No Such Company " + losing.id()))).isEqualTo(strangers);
		assertRefused(oma.call("get_company", Map.of("company", stranger.id())), 2, "not found");
		assertRefused(oma.call("get_domain", Map.of("domain", strangersDomain)), 2, "not found");
		assertRefused(oma.call("search_domains", Map.of("criteria", Map.of("company", stranger.name()))), 2,
				"not found");
		assertThat(system.db.sql("select count(*) from pushes where losing_company_id = :c")
			.param("c", losing.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).json().get("company_id").asLong())
			.isEqualTo(losing.id());
	}

	@Test
	void shouldApplyNothingOfAChangeWithAnUnsupportedAttribute() {
		Company company = scenario.company("a");
		Company other = scenario.company("a");
		scenario.allow(company, "before-" + company.id() + "@oma.example", other);
		String admin = "oma-change-" + company.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(company, admin));
		JsonNode before = oma.call("get_company", Map.of());

		assertRefused(
				oma.call("change_company",
						Map.of("company", company.name(), "attributes",
								Map.of("domain_push_notify", "after@oma.example", "domain_push_allowed",
										java.util.List.of(), "spamlevel", "High"))),
				6, "Attribute 'spamlevel' is not supported");
		assertRefused(
				oma.call("change_company", Map.of("attributes",
						Map.of("domain_push_notify", "not an address", "domain_push_allowed", java.util.List.of()))),
				6, "one plain address");
		assertRefused(
				oma.call("change_company",
						Map.of("attributes", Map.of("domain_push_allowed", java.util.List.of(999_999_999L)))),
				6, "holds an id that is not a company");
		assertRefused(oma.call("change_company", Map.of("attributes", Map.of())), 5, "'attributes' is required");
		assertThat(oma.call("get_company", Map.of())).isEqualTo(before);

		// a change of one attribute keeps the other
		assertThat(oma.call("change_company", Map.of("attributes", Map.of("domain_push_notify", "")))
			.get("success")
			.asBoolean()).isTrue();
		JsonNode after = oma.call("get_company", Map.of());
		assertThat(after.at("/attributes/domain_push_notify").isNull()).isTrue();
		assertThat(after.at("/attributes/domain_push_allowed/0").asLong()).isEqualTo(other.id());
	}

	@Test
	void shouldAnswerMalformedRequestsWithOmasBadRequestAndNever500() {
		Company company = scenario.company("a");
		String admin = "oma-malformed-" + company.id() + "@oma.example";
		String password = system.admin(company, admin);
		OmaClient oma = OmaClient.withPassword(api, admin, password);

		double unknownBefore = system.counter(system.services.api(), "push.oma.calls", "method", "unknown");
		ApiClient.Response unknownMethod = oma.raw("delete_company", oma.body(Map.of("company", company.name())));
		assertThat(system.counter(system.services.api(), "push.oma.calls", "method", "unknown") - unknownBefore)
			.isEqualTo(1);
		assertThat(unknownMethod.status()).isEqualTo(404);
		assertThat(unknownMethod.json().get("success").asBoolean()).isFalse();
		assertThat(unknownMethod.json().get("error_number").asInt()).isEqualTo(5);
		assertThat(unknownMethod.json().get("error").asString()).contains("no method 'delete_company'");

		ApiClient.Response malformed = oma.raw("get_company", "{\"credentials\": {\"user\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("error_number").asInt()).isEqualTo(5);
		assertThat(oma.raw("get_company", "[1, 2]").json().get("error_number").asInt()).isEqualTo(5);
		assertThat(oma.raw("get_company", "").status()).isEqualTo(400);

		ApiClient.Response oversize = oma.raw("echo", oma.body(Map.of("padding", "x".repeat(2 * 1024 * 1024))));
		assertThat(oversize.status()).isEqualTo(413);

		JsonNode noCredentials = api.send("POST", "/api/echo", null, "{\"hello\": 1}", Map.of()).json();
		assertRefused(noCredentials, 1, "no 'credentials'");
		assertRefused(OmaClient.withPassword(api, admin, password + "-wrong").call("echo", Map.of()), 1, null);
		assertRefused(
				OmaClient.withPassword(api, "nobody-" + company.id() + "@oma.example", password).call("echo", Map.of()),
				1, null);

		// whatever the content type says (curl -d sends a form's): the body is JSON
		ApiClient.Response asForm = api.send("POST", "/api/echo", null, oma.body(Map.of("hello", "form")),
				Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(asForm.json().at("/echo/hello").asString()).as(asForm.body()).isEqualTo("form");

		double echoesBefore = system.counter(system.services.api(), "push.oma.calls", "outcome", "success");
		JsonNode echoed = oma.call("echo", Map.of("hello", "world"));
		assertThat(system.counter(system.services.api(), "push.oma.calls", "outcome", "success") - echoesBefore)
			.isGreaterThanOrEqualTo(1);
		assertThat(api.get("/actuator/prometheus", null).body()).contains("push_oma_calls_total")
			.contains("method=\"unknown\"");
		assertThat(echoed.get("success").asBoolean()).isTrue();
		assertThat(echoed.at("/echo/hello").asString()).isEqualTo("world");
		assertThat(echoed.toString()).doesNotContain(password);
	}

	@Test
	void shouldUseSessionTokensUntilTheyExpireOrThePasswordChanges() {
		Company company = scenario.company("a");
		String admin = "oma-token-" + company.id() + "@oma.example";
		String password = system.admin(company, admin);
		OmaClient oma = OmaClient.withPassword(api, admin, password);

		JsonNode shortLived = oma.call("authenticate",
				Map.of("generate_session_token", true, "session_token_duration", 2, "fetch_extra_info", true));
		assertThat(shortLived.get("success").asBoolean()).isTrue();
		assertThat(shortLived.get("session_token_duration").asLong()).isEqualTo(2);
		assertThat(shortLived.at("/extra_info/company_id").asLong()).isEqualTo(company.id());
		OmaClient withShortToken = OmaClient.withToken(api, admin, shortLived.get("session_token").asString());
		assertThat(withShortToken.call("get_company", Map.of()).get("success").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertRefused(withShortToken.call("get_company", Map.of()), 1, null));

		String token = oma.call("authenticate", Map.of("generate_session_token", true)).get("session_token").asString();
		assertThat(system.db
			.sql("select count(*) from oma_session_tokens where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.param("t", token)
			.query(Long.class)
			.single()).as("stored as its hash").isEqualTo(1);
		OmaClient withToken = OmaClient.withToken(api, admin, token);
		assertThat(withToken.call("echo", Map.of()).get("success").asBoolean()).isTrue();
		assertRefused(OmaClient.withToken(api, admin, token + "x").call("echo", Map.of()), 1, null);
		assertRefused(oma.call("authenticate", Map.of("generate_session_token", true, "session_token_duration", 0)), 5,
				"session_token_duration");

		// a changed password ends the tokens issued before
		ConsoleClient console = new ConsoleClient(system.baseUrl);
		console.signIn(admin, password);
		console.get("/console/account/password");
		String newPassword = "changed-" + java.util.UUID.randomUUID();
		ConsoleClient.Page changed = console.post("/console/account/password",
				Map.of("currentPassword", password, "newPassword", newPassword, "repeatPassword", newPassword));
		assertThat(changed.status()).as(changed.body()).isIn(200, 302, 303);
		assertRefused(withToken.call("echo", Map.of()), 1, null);
		assertThat(OmaClient.withPassword(api, admin, newPassword).call("echo", Map.of()).get("success").asBoolean())
			.isTrue();
	}

	@Test
	void shouldEndATokenMadeWithATokenNoLaterThanTheChainThePasswordStarted() {
		Company company = scenario.company("a");
		String admin = "oma-chain-" + company.id() + "@oma.example";
		String password = system.admin(company, admin);
		String first = OmaClient.withPassword(api, admin, password)
			.call("authenticate", Map.of("generate_session_token", true))
			.get("session_token")
			.asString();
		// the chain a password sign-in started ends in 3 s instead of its configured
		// lifetime
		system.db.sql("""
				update oma_session_tokens set chain_expires_at = now() + interval '3 seconds'
				 where token_hash = sha256(convert_to(:t, 'UTF8'))""").param("t", first).update();

		JsonNode renewed = OmaClient.withToken(api, admin, first)
			.call("authenticate", Map.of("generate_session_token", true, "session_token_duration", 3600));
		assertThat(renewed.get("success").asBoolean()).isTrue();
		assertThat(renewed.get("session_token_duration").asLong()).as("what is left of the chain").isBetween(1L, 3L);
		String second = renewed.get("session_token").asString();
		assertThat(system.db.sql("""
				select count(*) from oma_session_tokens
				 where token_hash = sha256(convert_to(:t, 'UTF8'))
				   and expires_at <= chain_expires_at and chain_expires_at < now() + interval '4 seconds'""")
			.param("t", second)
			.query(Long.class)
			.single()).as("the renewed token keeps the chain's end").isEqualTo(1);
		OmaClient withSecond = OmaClient.withToken(api, admin, second);
		assertThat(withSecond.call("echo", Map.of()).get("success").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertRefused(withSecond.call("echo", Map.of()), 1, null));
		assertThat(OmaClient.withPassword(api, admin, password).call("echo", Map.of()).get("success").asBoolean())
			.as("the password starts a new chain")
			.isTrue();
	}

	@Test
	void shouldLimitHowOftenAPasswordIsCheckedButNotTokens() {
		Company company = scenario.company("a");
		String admin = "oma-bcrypt-" + company.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(company, admin));
		String token = oma.call("authenticate", Map.of("generate_session_token", true)).get("session_token").asString();
		// push.api.rate-limit.password-checks-per-minute: 60 at once (authenticate was
		// the
		// first), then refilled at one a second: refused well before 120 at this pace
		int answered = 1;
		ApiClient.Response limited = oma.raw("echo", oma.body(Map.of()));
		while (limited.json().get("success").asBoolean() && answered < 120) {
			answered++;
			limited = oma.raw("echo", oma.body(Map.of()));
		}
		assertThat(answered).isBetween(60, 119);
		assertThat(limited.status()).isEqualTo(200);
		assertRefused(limited.json(), 0, "use a session token from authenticate");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
		assertThat(limited.json().get("retry_after").asLong()).isPositive();
		OmaClient withToken = OmaClient.withToken(api, admin, token);
		for (int call = 1; call <= 20; call++) {
			assertThat(withToken.call("echo", Map.of()).get("success").asBoolean()).isTrue();
		}
	}

	@Test
	void shouldAttachARetryAfterATimeoutToTheSamePush() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@oma.example", losing);
		String admin = "oma-retry-" + losing.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(losing, admin));
		String domain = scenario.domain(losing, 1, null);
		Map<String, Object> push = Map.of("domain", domain, "new_company", gaining.id());
		String pushId;
		system.pauseWorker();
		try {
			JsonNode timedOut = oma.call("push_domain", push);
			assertRefused(timedOut, 0, "still in progress");
			assertThat(timedOut.get("status").asString()).isEqualTo("ACCEPTED");
			pushId = timedOut.get("push_id").asString();
			JsonNode accepted = oma.call("push_domain",
					Map.of("domain", domain, "new_company", gaining.id(), "wait", false));
			assertThat(accepted.get("success").asBoolean()).isTrue();
			assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
			assertThat(accepted.get("push_id").asString()).isEqualTo(pushId);
		}
		finally {
			system.resumeWorker();
		}
		JsonNode done = oma.call("push_domain", push);
		assertThat(done.get("success").asBoolean()).as(done.toString()).isTrue();
		assertThat(done.get("push_id").asString()).isEqualTo(pushId);
		// asked again once it is done: the same push, still a success
		assertThat(oma.call("push_domain", push).get("push_id").asString()).isEqualTo(pushId);
		assertThat(system.db.sql("select count(*) from pushes where domain_name = :d")
			.param("d", domain)
			.query(Long.class)
			.single()).isEqualTo(1);
		system.awaitNotification(gaining, pushId, "SENT");
		assertThat(Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>")).hasSize(1);
	}

	@Test
	void shouldSearchACompanysDomainsByWildcardInWindows() {
		Company company = scenario.company("a");
		String admin = "oma-search-" + company.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(company, admin));
		String prefix = "s" + company.id();
		for (String name : java.util.List.of("alpha", "beta", "bravo", "charlie")) {
			scenario.domain(company, prefix + "-" + name + ".example", 1, null);
		}
		JsonNode all = oma.call("search_domains", Map.of());
		assertThat(all.get("total_count").asLong()).isEqualTo(4);
		assertThat(all.at("/domains/0/domain").asString()).isEqualTo(prefix + "-alpha.example");

		JsonNode bs = oma.call("search_domains",
				Map.of("criteria", Map.of("match", prefix + "-b*"), "sort", Map.of("direction", "descending")));
		assertThat(bs.get("count").asInt()).isEqualTo(2);
		assertThat(bs.at("/domains/0/domain").asString()).isEqualTo(prefix + "-bravo.example");
		assertThat(bs.at("/domains/1/domain").asString()).isEqualTo(prefix + "-beta.example");

		JsonNode window = oma.call("search_domains",
				Map.of("criteria", Map.of("match", "*-????.example"), "range", Map.of("first", 1, "limit", 1)));
		assertThat(window.get("total_count").asLong()).isEqualTo(1);
		assertThat(window.get("count").asInt()).isZero();
		JsonNode literal = oma.call("search_domains", Map.of("criteria", Map.of("match", prefix + "_alpha%")));
		assertThat(literal.get("total_count").asLong()).as("SQL wildcards are literal").isZero();

		assertRefused(oma.call("search_domains", Map.of("range", Map.of("limit", 201))), 5, "range.limit");
		assertRefused(oma.call("search_domains", Map.of("sort", Map.of("by", "users"))), 5, "sort.by");
		assertThat(oma.call("search_domains", Map.of("criteria", Map.of("type", java.util.List.of("alias"))))
			.get("total_count")
			.asLong()).isZero();
	}

	private static ApiClient.Response post(String method, String body) {
		return api.send("POST", "/api/" + method, null, body, Map.of());
	}

	/**
	 * OpenSRS's toolkit sends a session token both in {@code credentials} and at the top
	 * level: the copy is accepted; a top-level token that differs is refused, since it
	 * would be unclear which one acts.
	 */
	@Test
	void shouldAcceptTheToolkitsCopyOfTheTokenAndRefuseADifferentOne() {
		Company company = scenario.company("a");
		String admin = "oma-copy-" + company.id() + "@oma.example";
		OmaClient oma = OmaClient.withPassword(api, admin, system.admin(company, admin));
		String token = oma.call("authenticate", Map.of("generate_session_token", true)).get("session_token").asString();
		OmaClient withToken = OmaClient.withToken(api, admin, token);
		assertThat(withToken.call("get_company", Map.of("token", token)).get("success").asBoolean()).isTrue();
		assertRefused(withToken.call("get_company", Map.of("token", token + "x")), 5, "Unknown field 'token'");
		assertRefused(oma.call("get_company", Map.of("token", token)), 5, "Unknown field 'token'");
	}

	/**
	 * A push shows in the domain's history and in both companies'; a settings change in
	 * the company's; a company that is neither side sees neither, exactly as a missing
	 * domain or company.
	 */
	@Test
	void shouldListWhatHappenedToADomainAndToBothCompanies() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		Company stranger = scenario.company("a");
		String gainingAdmin = "oma-hist-g-" + gaining.id() + "@oma.example";
		String losingAdmin = "oma-hist-l-" + losing.id() + "@oma.example";
		String strangerAdmin = "oma-hist-s-" + stranger.id() + "@oma.example";
		OmaClient asGaining = OmaClient.withPassword(api, gainingAdmin, system.admin(gaining, gainingAdmin));
		OmaClient asLosing = OmaClient.withPassword(api, losingAdmin, system.admin(losing, losingAdmin));
		OmaClient asStranger = OmaClient.withPassword(api, strangerAdmin, system.admin(stranger, strangerAdmin));
		assertThat(asGaining
			.call("change_company", Map.of("attributes", Map.of("domain_push_allowed", List.of(losing.id()))))
			.get("success")
			.asBoolean()).isTrue();
		String domain = scenario.domain(losing, 2, null);
		assertThat(asLosing.call("push_domain", Map.of("domain", domain, "new_company", gaining.id()))
			.get("status")
			.asString()).isEqualTo("COMPLETED");

		JsonNode ofDomain = asGaining.call("get_domain_changes", Map.of("domain", domain));
		assertThat(ofDomain.get("success").asBoolean()).as(ofDomain.toString()).isTrue();
		assertThat(ofDomain.get("total_count").asLong()).isEqualTo(2);
		assertThat(ofDomain.get("changes").get(0).get("msg").asString())
			.startsWith(domain + " pushed from company " + losing.id() + " to company " + gaining.id()
					+ ": 2 users moved, billed to company " + gaining.id() + " from 20");
		assertThat(ofDomain.get("changes").get(1).get("msg").asString()).startsWith("Push of " + domain);
		assertThat(ofDomain.get("changes").get(1).get("user").asString()).isEqualTo(losingAdmin);
		assertThat(ofDomain.get("changes").get(0).get("application").asString()).isEqualTo("domain_push");
		assertThat(ofDomain.get("changes").get(0).get("time").asLong())
			.isBetween(Instant.now().minusSeconds(300).getEpochSecond(), Instant.now().getEpochSecond());

		JsonNode ofGaining = asGaining.call("get_company_changes", Map.of());
		assertThat(ofGaining.get("changes").valueStream().map(c -> c.get("msg").asString()))
			.anyMatch(m -> m.startsWith(domain + " pushed from company " + losing.id()))
			.anyMatch(m -> m.startsWith("Domain push settings changed"));
		JsonNode allOfLosing = asLosing.call("get_company_changes", Map.of());
		assertThat(allOfLosing.get("count").asInt()).isEqualTo(allOfLosing.get("total_count").asInt());
		assertThat(allOfLosing.get("changes").valueStream().map(c -> c.get("msg").asString()))
			.anyMatch(m -> m.startsWith(domain + " pushed from company " + losing.id()))
			.anyMatch(m -> m.startsWith("Push submitted") && m.contains(domain))
			.noneMatch(m -> m.startsWith("Sign in"));
		JsonNode ofLosing = asLosing.call("get_company_changes", Map.of("range", Map.of("first", 0, "limit", 1)));
		assertThat(ofLosing.get("count").asInt()).isEqualTo(1);
		assertThat(ofLosing.get("total_count").asLong()).isEqualTo(allOfLosing.get("total_count").asLong());
		assertThat(ofLosing.get("changes").get(0)).isEqualTo(allOfLosing.get("changes").get(0));
		assertThat(ofLosing.get("changes").get(0).get("msg").asString()).startsWith(domain + " pushed from company");

		assertRefused(asLosing.call("get_domain_changes", Map.of("domain", domain)), 2, null);
		assertRefused(asStranger.call("get_domain_changes", Map.of("domain", domain)), 2, null);
		assertThat(asStranger.call("get_domain_changes", Map.of("domain", domain)))
			.isEqualTo(asStranger.call("get_domain_changes", Map.of("domain", "missing-" + domain)));
		assertRefused(asStranger.call("get_company_changes", Map.of("company", gaining.id())), 2, null);
		assertRefused(asGaining.call("get_company_changes", Map.of("range", Map.of("limit", 0))), 5, "limit");
	}

	static void assertRefused(JsonNode answer, int number, String saying) {
		assertThat(answer.get("success").asBoolean()).as(answer.toString()).isFalse();
		assertThat(answer.get("error_number").asInt()).as(answer.toString()).isEqualTo(number);
		if (saying != null) {
			assertThat(answer.get("error").asString()).contains(saying);
		}
	}

}
