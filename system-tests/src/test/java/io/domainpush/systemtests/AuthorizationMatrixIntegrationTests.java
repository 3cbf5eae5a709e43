package io.domainpush.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every kind of caller, with the expected status of each cell written in
 * the table below. Callers: the operator, an admin of the owning (losing) company, an
 * admin of the other side of the push (gaining), an admin of an unrelated company, a
 * revoked token, no token. A denied call must change nothing (the database's fingerprint
 * is compared), and "exists but not yours" must answer exactly like "does not exist".
 */
class AuthorizationMatrixIntegrationTests extends AgainstRunningSystem {

	private static final String[] ROLES = { "operator", "owner", "other-side", "unrelated", "revoked", "none" };

	@Test
	void shouldAnswerEveryCellAsTheTableSaysAndChangeNothingWhenDenied() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			answerEveryCell(receiver);
		}
	}

	private void answerEveryCell(WebhookReceiver receiver) {
		Company owner = scenario.company("a");
		Company otherSide = scenario.company("a");
		Company unrelated = scenario.company("a");
		scenario.allow(otherSide, null, owner);
		String revoked = revokedToken(owner);
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("operator", RunningSystem.OPERATOR_TOKEN);
		tokens.put("owner", owner.token());
		tokens.put("other-side", otherSide.token());
		tokens.put("unrelated", unrelated.token());
		tokens.put("revoked", revoked);
		tokens.put("none", null);
		long brand = scenario.brand(owner, "B", Map.of());
		String domain = scenario.domain(owner, 1, "\"brand_id\":" + brand);
		String batchDomain = scenario.domain(owner, 1, null);
		List<Row> rows = new ArrayList<>();
		// a completed push with a notification: its resend is tried with the worker
		// paused below
		scenario.allow(otherSide, "noc-" + otherSide.id() + "@example.com", owner);
		String mailed = scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString();
		system.awaitNotification(otherSide, mailed, "SENT");
		system.pauseWorker();
		try {
			String push = scenario.push(owner, domain, otherSide).get("push_id").asString();
			String batch = api
				.post("/api/v1/push-batches", owner.token(),
						"{\"gaining_company_id\":" + otherSide.id() + ",\"domains\":[\"" + batchDomain + "\"]}")
				.json()
				.get("batch_id")
				.asString();
			String c = "/api/v1/companies/" + owner.id();
			// path operator owner other unrelated revoked none
			rows.add(read("GET", c, 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", c + "/domain-push", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", c + "/domains", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", c + "/brands", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", c + "/tokens", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", c + "/audit", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", "/api/v1/domains/" + domain, 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", "/api/v1/domains/" + domain + "/users", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", "/api/v1/domains/" + domain + "/billing", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", "/api/v1/pushes/" + push, 200, 200, 200, 404, 401, 401));
			rows.add(read("GET", "/api/v1/pushes/" + mailed + "/report", 200, 200, 200, 404, 401, 401));
			// still queued (the worker is paused): nothing moved yet
			rows.add(read("GET", "/api/v1/pushes/" + push + "/report", 409, 409, 409, 404, 401, 401));
			rows.add(read("GET", "/api/v1/pushes?domain=" + domain, 200, 200, 200, 200, 401, 401));
			rows.add(read("GET", "/api/v1/push-batches/" + batch, 200, 200, 200, 404, 401, 401));
			rows.add(read("GET", "/api/v1/push-batches/" + batch + "/pushes", 200, 200, 200, 404, 401, 401));
			rows.add(read("GET", "/api/v1/push-batches/" + batch + "/rejections", 200, 200, 200, 404, 401, 401));
			rows.add(read("GET", "/api/v1/ops/consumer-lag", 200, 403, 403, 403, 401, 401));
			rows.add(read("GET", "/api/v1/companies", 200, 403, 403, 403, 401, 401));
			rows.add(read("GET", c + "/admins", 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", "/api/v1/operators", 200, 403, 403, 403, 401, 401));
			rows.add(read("GET", "/api/v1/audit", 200, 403, 403, 403, 401, 401));
			rows.add(read("POST", "/api/v1/pushes/precheck",
					"{\"domain\":\"" + domain + "\",\"gaining_company_id\":" + otherSide.id() + "}", 200, 200, 200, 200,
					401, 401));
			rows.add(write("PUT", () -> c + "/domain-push", "{\"allowed_companies\":[],\"notification_email\":null}",
					200, 200, 404, 404, 401, 401));
			rows.add(write("POST", () -> c + "/tokens", "{\"label\":\"x\"}", 201, 201, 404, 404, 401, 401));
			rows.add(write("DELETE", () -> c + "/tokens/" + freshToken(owner), null, 204, 204, 404, 404, 401, 401));
			rows.add(write("POST", () -> c + "/brands", "{\"name\":\"N\",\"settings\":{}}", 201, 201, 404, 404, 401,
					401));
			rows.add(write("PATCH", () -> "/api/v1/brands/" + brand, "{\"name\":\"Renamed\"}", 200, 200, 404, 404, 401,
					401));
			rows.add(writeEach("POST", () -> c + "/domains",
					() -> "{\"name\":\"" + scenario.uniqueDomain() + "\",\"users\":[]}", 201, 201, 404, 404, 401, 401));
			rows.add(write("PUT", () -> "/api/v1/domains/" + domain + "/brand", "{\"brand_id\":null}", 200, 200, 404,
					404, 401, 401));
			rows.add(
					writeEach(
							"POST", () -> "/api/v1/pushes", () -> "{\"domain\":\"" + scenario.domain(owner, 0, null)
									+ "\",\"gaining_company_id\":" + otherSide.id() + "}",
							202, 202, 404, 404, 401, 401));
			rows.add(write("DELETE", () -> "/api/v1/pushes/"
					+ scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString(), null,
					200, 200, 403, 404, 401, 401));
			rows.add(write("DELETE",
					() -> "/api/v1/push-batches/" + api
						.post("/api/v1/push-batches", owner.token(),
								"{\"gaining_company_id\":" + otherSide.id() + ",\"domains\":[\""
										+ scenario.domain(owner, 0, null) + "\"]}")
						.json()
						.get("batch_id")
						.asString(),
					null, 200, 200, 403, 404, 401, 401));
			rows.add(write("POST", () -> failedNotification(mailed), null, 202, 403, 202, 404, 401, 401));
			rows.add(write("POST", () -> "/api/v1/companies", "{\"name\":\"New\",\"cluster\":\"a\"}", 201, 403, 403,
					403, 401, 401));
			rows.add(writeEach("POST", () -> c + "/admins", () -> account(), 201, 403, 404, 404, 401, 401));
			rows.add(writeEach("POST", () -> c + "/invitations", () -> invitation(), 202, 202, 404, 404, 401, 401));
			rows.add(read("GET", c + "/invitations", 200, 200, 404, 404, 401, 401));
			rows.add(write("DELETE", () -> c + "/invitations/" + freshInvitation(owner), null, 204, 204, 404, 404, 401,
					401));
			rows.add(write("DELETE", () -> c + "/admins/" + freshAdmin(owner), null, 204, 204, 404, 404, 401, 401));
			rows.add(writeEach("POST", () -> "/api/v1/operators", () -> account(), 201, 403, 403, 403, 401, 401));
			rows.add(write("DELETE", () -> "/api/v1/operators/" + freshOperator(), null, 204, 403, 403, 403, 401, 401));
			rows.add(write("DELETE", () -> "/api/v1/companies/" + scenario.company("a").id(), null, 204, 403, 403, 403,
					401, 401));
			String hooks = c + "/webhooks";
			String hook = hooks + "/" + freshWebhook(owner, receiver);
			rows.add(read("GET", hooks, 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", hook, 200, 200, 404, 404, 401, 401));
			rows.add(read("GET", hook + "/deliveries", 200, 200, 404, 404, 401, 401));
			rows.add(write("POST", () -> hooks, webhookBody(receiver), 201, 201, 404, 404, 401, 401));
			rows.add(write("DELETE", () -> hooks + "/" + freshWebhook(owner, receiver), null, 204, 204, 404, 404, 401,
					401));
			rows.add(write("POST", () -> hook + "/rotate-secret", null, 200, 200, 404, 404, 401, 401));
			rows.add(write("POST", () -> hook + "/ping", null, 202, 202, 404, 404, 401, 401));

			int cells = 0;
			for (Row row : rows) {
				for (int r = 0; r < ROLES.length; r++) {
					String role = ROLES[r];
					boolean allowed = row.expected[r] < 300;
					String path = row.path.get();
					String body = row.body.get();
					String before = row.mutates && !allowed ? fingerprint() : null;
					ApiClient.Response response = api.send(row.method, path, tokens.get(role), body, Map.of());
					assertThat(response.status()).as("%s %s as %s: %s", row.method, path, role, response.body())
						.isEqualTo(row.expected[r]);
					if (!allowed) {
						assertThat(response.header("Content-Type")).startsWith("application/problem+json");
						if (before != null) {
							assertThat(fingerprint()).as("%s %s as %s changed nothing", row.method, path, role)
								.isEqualTo(before);
						}
					}
					cells++;
				}
			}
			assertThat(cells).isEqualTo(rows.size() * ROLES.length);
			assertNotYoursAnswersLikeMissing(unrelated, domain, push, batch, brand);
			assertAnotherCompanysWebhookAnswersLikeMissing(unrelated, hook);
		}
		finally {
			system.resumeWorker();
		}
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
		ApiClient.Response foreignBrand = api.patch("/api/v1/brands/" + brand, stranger.token(), "{\"name\":\"x\"}");
		ApiClient.Response missingBrand = api.patch("/api/v1/brands/999999999", stranger.token(), "{\"name\":\"x\"}");
		assertThat(foreignBrand.status()).isEqualTo(missingBrand.status()).isEqualTo(404);
		assertThat(foreignBrand.json().get("code")).isEqualTo(missingBrand.json().get("code"));
		assertThat(foreignBrand.json().get("detail")).isEqualTo(missingBrand.json().get("detail"));
	}

	/**
	 * Another company's endpoint, named under the caller's own company, answers as a
	 * missing one does.
	 */
	private static void assertAnotherCompanysWebhookAnswersLikeMissing(Company stranger, String ownerHookPath) {
		String webhookId = ownerHookPath.substring(ownerHookPath.lastIndexOf('/') + 1);
		String own = "/api/v1/companies/" + stranger.id() + "/webhooks/";
		ApiClient.Response foreign = api.get(own + webhookId, stranger.token());
		ApiClient.Response missing = api.get(own + "00000000-0000-4000-8000-000000000000", stranger.token());
		assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
		assertThat(foreign.json().get("code")).isEqualTo(missing.json().get("code"));
		assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
		assertThat(foreign.json().get("code").asString()).isEqualTo("WEBHOOK_NOT_FOUND");
	}

	private static String webhookBody(WebhookReceiver receiver) {
		return "{\"url\":\"" + receiver.url("/matrix") + "\",\"events\":[\"push.completed\"]}";
	}

	private static String freshWebhook(Company company, WebhookReceiver receiver) {
		return api.post("/api/v1/companies/" + company.id() + "/webhooks", company.token(), webhookBody(receiver))
			.json()
			.get("webhook_id")
			.asString();
	}

	/**
	 * Everything a denied call could touch, hashed (last use of tokens aside: reading it
	 * is allowed; failed sign-ins are audited, and only those may be added).
	 */
	static String fingerprint() {
		return system.db
			.sql("""
					select md5(concat_ws('|',
					  (select string_agg(c::text, ',' order by company_id) from companies c),
					  (select string_agg(a::text, ',' order by gaining_company_id, losing_company_id) from push_allowances a),
					  (select string_agg(token_id || coalesce(revoked_at::text, ''), ',' order by token_id) from api_tokens),
					  (select string_agg(account_id || username, ',' order by account_id) from accounts),
					  (select string_agg(b::text, ',' order by brand_id) from brands b),
					  (select string_agg(d::text, ',' order by domain_id) from domains d),
					  (select string_agg(p.push_id || p.status, ',' order by push_id) from pushes p),
					  (select string_agg(n.push_id || n.status || coalesce(n.recipient, ''), ',' order by push_id) from notifications n),
					  (select string_agg(w.webhook_id || w.url || md5(w.secret) || w.status, ',' order by webhook_id) from webhooks w),
					  (select count(*) from push_batches), (select count(*) from users),
					  (select count(*) from audit_log where action <> 'SIGN_IN_FAILED')))""")
			.query(String.class)
			.single();
	}

	/** The resend path of {@code push}, whose notification is made FAILED again first. */
	private static String failedNotification(String push) {
		system.db.sql("update notifications set status = 'FAILED' where push_id = cast(:id as uuid)")
			.param("id", push)
			.update();
		return "/api/v1/pushes/" + push + "/notification/resend";
	}

	private static String revokedToken(Company company) {
		var created = api.post("/api/v1/companies/" + company.id() + "/tokens", company.token(), "{\"label\":\"old\"}")
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
		return api.post("/api/v1/companies/" + company.id() + "/tokens", company.token(), "{\"label\":\"t\"}")
			.json()
			.get("token_id")
			.asString();
	}

	private static Row read(String method, String path, int... expected) {
		return new Row(method, () -> path, () -> null, false, expected);
	}

	private static Row read(String method, String path, String body, int... expected) {
		return new Row(method, () -> path, () -> body, false, expected);
	}

	private static Row write(String method, Supplier<String> path, String body, int... expected) {
		return new Row(method, path, () -> body, true, expected);
	}

	/** A mutation whose body is made anew for each call (a fresh domain name, say). */
	private static Row writeEach(String method, Supplier<String> path, Supplier<String> body, int... expected) {
		return new Row(method, path, body, true, expected);
	}

	private record Row(String method, Supplier<String> path, Supplier<String> body, boolean mutates, int[] expected) {
	}

}
