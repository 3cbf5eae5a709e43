package io.domainpush.systemtests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every kind of caller, with the expected status of each cell written in
 * the table below (one row per endpoint; add one with every new endpoint). Callers: the
 * operator, an admin of the owning (losing) company, an admin of the other side of the
 * push (gaining), an admin of an unrelated company, a revoked token, no token. A denied
 * call must change nothing (the database's fingerprint is compared), and "exists but not
 * yours" must answer exactly like "does not exist".
 */
class AuthorizationMatrixIntegrationTests extends AgainstRunningSystem {

	private static final List<String> ROLES = List.of("operator", "owner", "other-side", "unrelated", "revoked",
			"none");

	private static WebhookReceiver receiver;

	private static final List<String> FRESH_BATCHES = new ArrayList<>();

	private static Map<String, String> tokens;

	private static Placeholders objects;

	private static Company unrelated;

	private static String domain;

	private static String push;

	private static String batch;

	private static long brand;

	private static String webhook;

	/**
	 * The objects the rows name. Pushes stay queued while the table is checked (the
	 * worker is paused): only the calls change the database, and a queued push has no
	 * report yet.
	 */
	@BeforeAll
	static void createTheObjectsAndPauseTheWorker() throws Exception {
		receiver = new WebhookReceiver();
		Company owner = scenario.company("a");
		Company otherSide = scenario.company("a");
		unrelated = scenario.company("a");
		scenario.allow(otherSide, null, owner);
		tokens = new HashMap<>();
		tokens.put("operator", RunningSystem.OPERATOR_TOKEN);
		tokens.put("owner", owner.token());
		tokens.put("other-side", otherSide.token());
		tokens.put("unrelated", unrelated.token());
		tokens.put("revoked", revokedToken(owner));
		brand = scenario.brand(owner, "B", Map.of());
		domain = scenario.domain(owner, 1, "\"brand_id\":" + brand);
		String batchDomain = scenario.domain(owner, 1, null);
		// a completed push with a notification: its resend is tried with the worker
		// paused
		scenario.allow(otherSide, "noc-" + otherSide.id() + "@example.com", owner);
		String mailed = scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString();
		system.awaitNotification(otherSide, mailed, "SENT");
		system.pauseWorker();
		push = scenario.push(owner, domain, otherSide).get("push_id").asString();
		batch = newBatch(owner, otherSide, batchDomain);
		webhook = freshWebhook(owner);
		// from here on the other side approves each push: the fresh pushes below wait for
		// it
		ApiClient.Response approving = api.put("/api/v1/companies/" + otherSide.id() + "/domain-push",
				otherSide.token(), ApiClient.json(Map.of("allowed_companies", List.of(owner.id()), "notification_email",
						"noc-" + otherSide.id() + "@example.com", "accept", "approve")));
		assertThat(approving.status()).as(approving.toString()).isEqualTo(200);
		objects = new Placeholders().fixed("owner", owner.id())
			.fixed("other-side", otherSide.id())
			.fixed("domain", domain)
			.fixed("brand", brand)
			.fixed("push", push)
			.fixed("mailed", mailed)
			.fixed("batch", batch)
			.fixed("webhook", webhook)
			.fixed("webhook-body", webhookBody())
			.fresh("new-domain-name", scenario::uniqueDomain)
			.fresh("new-account", AuthorizationMatrixIntegrationTests::account)
			.fresh("new-invitation", AuthorizationMatrixIntegrationTests::invitation)
			.fresh("fresh-domain", () -> scenario.domain(owner, 0, null))
			.fresh("fresh-push",
					() -> scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString())
			.fresh("fresh-batch", () -> freshBatch(owner, otherSide))
			.fresh("fresh-awaiting",
					() -> scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString())
			.fresh("fresh-awaiting-batch", () -> freshBatch(owner, otherSide))
			.fresh("mailed-failed-again", () -> failedAgain(mailed))
			.fresh("fresh-token", () -> freshToken(owner))
			.fresh("fresh-invitation", () -> freshInvitation(owner))
			.fresh("fresh-admin", () -> freshAdmin(owner))
			.fresh("fresh-operator", AuthorizationMatrixIntegrationTests::freshOperator)
			.fresh("fresh-company", () -> scenario.company("a").id())
			.fresh("fresh-webhook", () -> freshWebhook(owner));
	}

	@AfterAll
	static void resumeTheWorker() {
		system.resumeWorker();
		receiver.close();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# method | path                                                   | body                                                              | operator | owner | other-side | unrelated | revoked | none
					GET    | /api/v1/companies/{owner}                                 |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/domain-push                     |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/domains                         |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/brands                          |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/tokens                          |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/audit                           |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/admins                          |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/invitations                     |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/domains/{domain}                                  |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/domains/{domain}/users                            |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/domains/{domain}/billing                          |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/pushes/{push}                                     |                                                                   | 200 | 200 | 200 | 404 | 401 | 401
					GET    | /api/v1/pushes/{mailed}/report                            |                                                                   | 200 | 200 | 200 | 404 | 401 | 401
					# still queued: nothing moved yet
					GET    | /api/v1/pushes/{push}/report                              |                                                                   | 409 | 409 | 409 | 404 | 401 | 401
					GET    | /api/v1/pushes?domain={domain}                            |                                                                   | 200 | 200 | 200 | 200 | 401 | 401
					GET    | /api/v1/push-batches/{batch}                              |                                                                   | 200 | 200 | 200 | 404 | 401 | 401
					GET    | /api/v1/push-batches/{batch}/pushes                       |                                                                   | 200 | 200 | 200 | 404 | 401 | 401
					GET    | /api/v1/push-batches/{batch}/rejections                   |                                                                   | 200 | 200 | 200 | 404 | 401 | 401
					GET    | /api/v1/ops/consumer-lag                                  |                                                                   | 200 | 403 | 403 | 403 | 401 | 401
					GET    | /api/v1/companies                                         |                                                                   | 200 | 403 | 403 | 403 | 401 | 401
					GET    | /api/v1/operators                                         |                                                                   | 200 | 403 | 403 | 403 | 401 | 401
					GET    | /api/v1/audit                                             |                                                                   | 200 | 403 | 403 | 403 | 401 | 401
					GET    | /api/v1/companies/{owner}/webhooks                        |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/webhooks/{webhook}              |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					GET    | /api/v1/companies/{owner}/webhooks/{webhook}/deliveries   |                                                                   | 200 | 200 | 404 | 404 | 401 | 401
					POST   | /api/v1/pushes/precheck                                   | {"domain":"{domain}","gaining_company_id":{other-side}}           | 200 | 200 | 200 | 200 | 401 | 401
					PUT    | /api/v1/companies/{owner}/domain-push                     | {"allowed_companies":[],"notification_email":null}                | 200 | 200 | 404 | 404 | 401 | 401
					POST   | /api/v1/companies/{owner}/tokens                          | {"label":"x"}                                                     | 201 | 201 | 404 | 404 | 401 | 401
					DELETE | /api/v1/companies/{owner}/tokens/{fresh-token}            |                                                                   | 204 | 204 | 404 | 404 | 401 | 401
					POST   | /api/v1/companies/{owner}/brands                          | {"name":"N","settings":{}}                                        | 201 | 201 | 404 | 404 | 401 | 401
					PATCH  | /api/v1/brands/{brand}                                    | {"name":"Renamed"}                                                | 200 | 200 | 404 | 404 | 401 | 401
					POST   | /api/v1/companies/{owner}/domains                         | {"name":"{new-domain-name}","users":[]}                           | 201 | 201 | 404 | 404 | 401 | 401
					PUT    | /api/v1/domains/{domain}/brand                            | {"brand_id":null}                                                 | 200 | 200 | 404 | 404 | 401 | 401
					POST   | /api/v1/pushes                                            | {"domain":"{fresh-domain}","gaining_company_id":{other-side}}     | 202 | 202 | 404 | 404 | 401 | 401
					DELETE | /api/v1/pushes/{fresh-push}                               |                                                                   | 200 | 200 | 403 | 404 | 401 | 401
					DELETE | /api/v1/push-batches/{fresh-batch}                        |                                                                   | 200 | 200 | 403 | 404 | 401 | 401
					# the other side approves each push (R11): it decides, the owner may only withdraw
					POST   | /api/v1/pushes/{fresh-awaiting}/approve                   |                                                                   | 200 | 403 | 200 | 404 | 401 | 401
					POST   | /api/v1/pushes/{fresh-awaiting}/decline                   |                                                                   | 200 | 403 | 200 | 404 | 401 | 401
					DELETE | /api/v1/pushes/{fresh-awaiting}                           |                                                                   | 200 | 200 | 403 | 404 | 401 | 401
					POST   | /api/v1/push-batches/{fresh-awaiting-batch}/approve       |                                                                   | 200 | 403 | 200 | 404 | 401 | 401
					POST   | /api/v1/push-batches/{fresh-awaiting-batch}/decline       |                                                                   | 200 | 403 | 200 | 404 | 401 | 401
					POST   | /api/v1/pushes/{mailed-failed-again}/notification/resend  |                                                                   | 202 | 403 | 202 | 404 | 401 | 401
					POST   | /api/v1/companies                                         | {"name":"New","cluster":"a"}                                      | 201 | 403 | 403 | 403 | 401 | 401
					DELETE | /api/v1/companies/{fresh-company}                         |                                                                   | 204 | 403 | 403 | 403 | 401 | 401
					POST   | /api/v1/companies/{owner}/admins                          | {new-account}                                                     | 201 | 403 | 404 | 404 | 401 | 401
					DELETE | /api/v1/companies/{owner}/admins/{fresh-admin}            |                                                                   | 204 | 204 | 404 | 404 | 401 | 401
					POST   | /api/v1/companies/{owner}/invitations                     | {new-invitation}                                                  | 202 | 202 | 404 | 404 | 401 | 401
					DELETE | /api/v1/companies/{owner}/invitations/{fresh-invitation}  |                                                                   | 204 | 204 | 404 | 404 | 401 | 401
					POST   | /api/v1/operators                                         | {new-account}                                                     | 201 | 403 | 403 | 403 | 401 | 401
					DELETE | /api/v1/operators/{fresh-operator}                        |                                                                   | 204 | 403 | 403 | 403 | 401 | 401
					POST   | /api/v1/companies/{owner}/webhooks                        | {webhook-body}                                                    | 201 | 201 | 404 | 404 | 401 | 401
					DELETE | /api/v1/companies/{owner}/webhooks/{fresh-webhook}        |                                                                   | 204 | 204 | 404 | 404 | 401 | 401
					POST   | /api/v1/companies/{owner}/webhooks/{webhook}/rotate-secret |                                                                  | 200 | 200 | 404 | 404 | 401 | 401
					POST   | /api/v1/companies/{owner}/webhooks/{webhook}/ping         |                                                                   | 202 | 202 | 404 | 404 | 401 | 401
					""")
	void shouldAnswerAsTheTableSaysAndChangeNothingWhenDenied(String method, String path, String body,
			@AggregateWith(ExpectedAnswers.class) List<String> expected) {
		for (int column = 0; column < ROLES.size(); column++) {
			String role = ROLES.get(column);
			int status = Integer.parseInt(expected.get(column));
			boolean allowed = status < 300;
			String target = objects.expand(path);
			String content = objects.expand(body);
			if (!"GET".equals(method) && !allowed) {
				// what earlier calls started must be done before the comparison starts
				system.awaitApprovalRequestsSettled();
			}
			String before = !"GET".equals(method) && !allowed ? system.fingerprint() : null;
			ApiClient.Response response = api.send(method, target, tokens.get(role), content, Map.of());
			assertThat(response.status()).as("%s %s as %s: %s", method, target, role, response.body())
				.isEqualTo(status);
			if (!allowed) {
				assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			}
			if (before != null) {
				assertThat(system.fingerprint()).as("%s %s as %s changed nothing", method, target, role)
					.isEqualTo(before);
			}
		}
	}

	@Test
	void shouldAnswerAnotherCompanysObjectsExactlyLikeMissingOnes() {
		assertNotYoursAnswersLikeMissing(unrelated, domain, push, batch, brand);
		assertAnotherCompanysWebhookAnswersLikeMissing(unrelated, webhook);
	}

	/**
	 * The same status and the same problem body, whether the object exists (but is not
	 * the caller's) or not.
	 */
	private static void assertNotYoursAnswersLikeMissing(Company stranger, String domain, String push, String batch,
			long brand) {
		String[][] pairs = { { "/api/v1/domains/" + domain, "/api/v1/domains/missing-" + domain },
				{ "/api/v1/pushes/" + push, "/api/v1/pushes/00000000-0000-4000-8000-000000000000" },
				{ "/api/v1/push-batches/" + batch, "/api/v1/push-batches/00000000-0000-4000-8000-000000000000" } };
		for (String[] pair : pairs) {
			ApiClient.Response foreign = api.get(pair[0], stranger.token());
			ApiClient.Response missing = api.get(pair[1], stranger.token());
			assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
			assertThat(foreign.json().get("code")).isEqualTo(missing.json().get("code"));
			assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
		}
		ApiClient.Response foreignBrand = api.patch("/api/v1/brands/" + brand, stranger.token(),
				ApiClient.json(Map.of("name", "x")));
		ApiClient.Response missingBrand = api.patch("/api/v1/brands/999999999", stranger.token(),
				ApiClient.json(Map.of("name", "x")));
		assertThat(foreignBrand.status()).isEqualTo(missingBrand.status()).isEqualTo(404);
		assertThat(foreignBrand.json().get("code")).isEqualTo(missingBrand.json().get("code"));
		assertThat(foreignBrand.json().get("detail")).isEqualTo(missingBrand.json().get("detail"));
	}

	/**
	 * Another company's endpoint, named under the caller's own company, answers as a
	 * missing one does.
	 */
	private static void assertAnotherCompanysWebhookAnswersLikeMissing(Company stranger, String webhookId) {
		String own = "/api/v1/companies/" + stranger.id() + "/webhooks/";
		ApiClient.Response foreign = api.get(own + webhookId, stranger.token());
		ApiClient.Response missing = api.get(own + "00000000-0000-4000-8000-000000000000", stranger.token());
		assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
		assertThat(foreign.json().get("code")).isEqualTo(missing.json().get("code"));
		assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
		assertThat(foreign.json().get("code").asString()).isEqualTo("WEBHOOK_NOT_FOUND");
	}

	private static String webhookBody() {
		return "{\"url\":\"" + receiver.url("/matrix") + "\",\"events\":[\"push.completed\"]}";
	}

	private static String freshWebhook(Company company) {
		return api.post("/api/v1/companies/" + company.id() + "/webhooks", company.token(), webhookBody())
			.json()
			.get("webhook_id")
			.asString();
	}

	/** {@code push}, whose notification is made FAILED again so that it can be resent. */
	private static String failedAgain(String push) {
		system.db.sql("update notifications set status = 'FAILED' where push_id = cast(:id as uuid)")
			.param("id", push)
			.update();
		return push;
	}

	/**
	 * A new batch of one domain; the fresh batches of earlier rows are cancelled first,
	 * since a company may have only a few open ones (the denied calls left them open).
	 */
	private static String freshBatch(Company losing, Company gaining) {
		FRESH_BATCHES.forEach(old -> api.delete("/api/v1/push-batches/" + old, RunningSystem.OPERATOR_TOKEN));
		FRESH_BATCHES.clear();
		String batch = newBatch(losing, gaining, scenario.domain(losing, 0, null));
		FRESH_BATCHES.add(batch);
		return batch;
	}

	private static String newBatch(Company losing, Company gaining, String domain) {
		return scenario.batch(losing, gaining, List.of(domain));
	}

	private static String revokedToken(Company company) {
		var created = api
			.post("/api/v1/companies/" + company.id() + "/tokens", company.token(),
					ApiClient.json(Map.of("label", "old")))
			.json();
		api.delete("/api/v1/companies/" + company.id() + "/tokens/" + created.get("token_id").asString(),
				company.token());
		return created.get("token").asString();
	}

	private static String account() {
		return "{\"username\":\"" + scenario.uniqueDomain().replace(".", "@m.")
				+ "\",\"password\":\"a-long-and-Rare-passphrase\"}";
	}

	private static String invitation() {
		return "{\"email\":\"" + scenario.uniqueDomain().replace(".", "@i.") + "\"}";
	}

	private static String freshInvitation(Company company) {
		api.post("/api/v1/companies/" + company.id() + "/invitations", company.token(), invitation());
		return api.get("/api/v1/companies/" + company.id() + "/invitations", company.token())
			.json()
			.get("items")
			.get(0)
			.get("invitation_id")
			.asString();
	}

	private static String freshAdmin(Company company) {
		return api.post("/api/v1/companies/" + company.id() + "/admins", RunningSystem.OPERATOR_TOKEN, account())
			.json()
			.get("admin_id")
			.asString();
	}

	private static String freshOperator() {
		return api.post("/api/v1/operators", RunningSystem.OPERATOR_TOKEN, account())
			.json()
			.get("operator_id")
			.asString();
	}

	private static String freshToken(Company company) {
		return api
			.post("/api/v1/companies/" + company.id() + "/tokens", company.token(),
					ApiClient.json(Map.of("label", "t")))
			.json()
			.get("token_id")
			.asString();
	}

}
