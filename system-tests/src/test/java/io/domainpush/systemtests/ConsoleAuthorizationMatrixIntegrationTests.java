package io.domainpush.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console route × every kind of person: the operator, an admin of the owning
 * (losing) company, an admin of the other side of its pushes (gaining), an admin of an
 * unrelated company, and nobody signed in. {@code 302} is a redirect after a change that
 * was made; {@code SIGN_IN} a redirect to the sign-in page. A denied change changes
 * nothing, and another company's object answers exactly like a missing one.
 */
class ConsoleAuthorizationMatrixIntegrationTests extends AgainstRunningSystem {

	private static final int SIGN_IN = 1;

	private static final String[] ROLES = { "operator", "owner", "other-side", "unrelated", "none" };

	@Test
	void shouldAnswerEveryConsoleRouteAsTheTableSaysAndChangeNothingWhenDenied() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			answerEveryRoute(receiver);
		}
	}

	private void answerEveryRoute(WebhookReceiver receiver) {
		Company owner = scenario.company("a");
		Company otherSide = scenario.company("a");
		Company unrelated = scenario.company("a");
		scenario.allow(otherSide, null, owner);
		Map<String, ConsoleClient> people = people(owner, otherSide, unrelated);
		long brand = scenario.brand(owner, "B", Map.of());
		String domain = scenario.domain(owner, 1, null);
		String pushed = scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString();
		String batch = api
			.post("/api/v1/push-batches", owner.token(),
					"{\"gaining_company_id\":" + otherSide.id() + ",\"domains\":[\"" + scenario.domain(owner, 0, null)
							+ "\"]}")
			.json()
			.get("batch_id")
			.asString();
		String c = "/console/companies/" + owner.id();
		List<Row> rows = new ArrayList<>();
		// route operator owner other-side unrelated none
		rows.add(read("/console/companies", 200, 403, 403, 403, SIGN_IN));
		rows.add(read(c, 200, 200, 404, 404, SIGN_IN));
		rows.add(read(c + "/admins", 200, 200, 404, 404, SIGN_IN));
		rows.add(read("/console/domains", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/domains?company=" + owner.id(), 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/domains/" + domain, 200, 200, 404, 404, SIGN_IN));
		rows.add(read("/console/pushes", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/pushes?direction=INCOMING", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/pushes/" + pushed, 200, 200, 200, 404, SIGN_IN));
		rows.add(read("/console/pushes/" + pushed + "/live", 200, 200, 200, 404, SIGN_IN));
		rows.add(read("/console/bulk", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/batches/" + batch, 200, 200, 200, 404, SIGN_IN));
		rows.add(read("/console/batches/" + batch + "/progress", 200, 200, 200, 404, SIGN_IN));
		rows.add(read("/console/batches/" + batch + "/results.csv", 200, 200, 200, 404, SIGN_IN));
		rows.add(read("/console/brands", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/brands?company=" + owner.id(), 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/audit", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/operations", 200, 403, 403, 403, SIGN_IN));
		rows.add(read("/console/operations/figures", 200, 403, 403, 403, SIGN_IN));
		rows.add(read("/console/operations/lag.json", 200, 403, 403, 403, SIGN_IN));
		rows.add(read("/console/account/password", 200, 200, 200, 200, SIGN_IN));
		rows.add(write(() -> c + "/domain-push", () -> Map.of("allowedCompanies", "", "notificationEmail", ""), 302,
				302, 404, 404, SIGN_IN));
		rows.add(write(() -> c + "/admins", () -> Map.of("username", scenario.uniqueDomain().replace(".", "@x."),
				"password", "a-long-and-Rare-passphrase"), 302, 422, 404, 404, SIGN_IN));
		rows.add(write(() -> c + "/invitations", () -> Map.of("email", scenario.uniqueDomain().replace(".", "@i.")),
				302, 302, 404, 404, SIGN_IN));
		rows.add(write(() -> c + "/invitations/" + freshInvitation(owner) + "/revoke", Map::of, 302, 302, 404, 404,
				SIGN_IN));
		// an invitation's page is public: its link is the proof, and a wrong one is a
		// 404 for everybody
		rows.add(read("/console/invitations/accept?token=wrong", 404, 404, 404, 404, 404));
		rows.add(write(() -> "/console/companies", () -> Map.of("name", "New", "cluster", "a"), 302, 403, 403, 403,
				SIGN_IN));
		rows.add(write(() -> "/console/companies/" + scenario.company("a").id() + "/delete", Map::of, 302, 403, 403,
				403, SIGN_IN));
		rows.add(write(() -> "/console/domains/" + domain + "/brand", () -> Map.of("brand_id", String.valueOf(brand)),
				302, 302, 404, 404, SIGN_IN));
		rows.add(write(() -> "/console/brands/" + brand, () -> Map.of("name", "Renamed"), 302, 302, 404, 404, SIGN_IN));
		rows.add(write(() -> "/console/pushes/confirm",
				() -> Map.of("domain", domain, "gaining_company_id", String.valueOf(otherSide.id())), 200, 200, 404,
				404, SIGN_IN));
		rows.add(write(() -> "/console/pushes/" + queuedPush(owner, otherSide) + "/cancel", Map::of, 302, 302, 403, 404,
				SIGN_IN));
		rows.add(write(() -> "/console/batches/" + batch + "/cancel", Map::of, 302, 302, 403, 404, SIGN_IN));
		String hook = webhook(owner, receiver);
		String ownerCompany = String.valueOf(owner.id());
		rows.add(read("/console/webhooks", 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/webhooks?company=" + owner.id(), 200, 200, 200, 200, SIGN_IN));
		rows.add(read("/console/webhooks/" + hook + "?company=" + owner.id(), 200, 200, 404, 404, SIGN_IN));
		// a company admin registers an endpoint of its own company, whatever it names
		rows.add(write(() -> "/console/webhooks", () -> Map.of("company", ownerCompany, "url",
				receiver.url("/console-matrix"), "events", "push.completed"), 302, 302, 302, 302, SIGN_IN));
		rows.add(write(() -> "/console/webhooks/" + hook + "/ping", () -> Map.of("company", ownerCompany), 302, 302,
				404, 404, SIGN_IN));
		rows.add(write(() -> "/console/webhooks/" + hook + "/rotate-secret", () -> Map.of("company", ownerCompany), 302,
				302, 404, 404, SIGN_IN));
		rows.add(write(() -> "/console/webhooks/" + webhook(owner, receiver) + "/delete",
				() -> Map.of("company", ownerCompany), 302, 302, 404, 404, SIGN_IN));

		int cells = 0;
		// pushes stay queued while the table is checked: only the calls change the
		// database
		system.pauseWorker();
		try {
			for (Row row : rows) {
				for (int r = 0; r < ROLES.length; r++) {
					cells += check(row, ROLES[r], people.get(ROLES[r]), row.expected[r]);
				}
			}
		}
		finally {
			system.resumeWorker();
		}
		assertThat(cells).isEqualTo(rows.size() * ROLES.length);
		assertNotYoursAnswersLikeMissing(people.get("unrelated"), domain, pushed, batch);
		ConsoleClient.Page foreignHook = people.get("unrelated").get("/console/webhooks/" + hook);
		ConsoleClient.Page missingHook = people.get("unrelated")
			.get("/console/webhooks/00000000-0000-4000-8000-000000000000");
		assertThat(foreignHook.status()).isEqualTo(missingHook.status()).isEqualTo(404);
		assertThat(main(foreignHook.body())).isEqualTo(main(missingHook.body()));
	}

	private static String webhook(Company company, WebhookReceiver receiver) {
		return api
			.post("/api/v1/companies/" + company.id() + "/webhooks", company.token(),
					"{\"url\":\"" + receiver.url("/console-matrix") + "\",\"events\":[\"push.completed\"]}")
			.json()
			.get("webhook_id")
			.asString();
	}

	private static int check(Row row, String role, ConsoleClient person, int expected) {
		String path = row.path.get();
		String before = row.form != null && (expected >= 400 || expected == SIGN_IN) ? fingerprint() : null;
		ConsoleClient.Page page = row.form == null ? person.get(path) : person.post(path, row.form.get());
		String what = (row.form == null ? "GET " : "POST ") + path + " as " + role;
		if (expected == SIGN_IN) {
			assertThat(page.redirectsToSignIn()).as(what + ": " + page.status() + " " + page.location()).isTrue();
		}
		else {
			assertThat(page.status()).as(what + ": " + page.location()).isEqualTo(expected);
			if (expected == 302) {
				assertThat(page.redirectsToSignIn()).as(what).isFalse();
			}
		}
		if (before != null) {
			assertThat(fingerprint()).as(what + " changed nothing").isEqualTo(before);
		}
		return 1;
	}

	/** The same page, whether the object exists (but is another company's) or not. */
	private static void assertNotYoursAnswersLikeMissing(ConsoleClient stranger, String domain, String push,
			String batch) {
		String[][] pairs = { { "/console/domains/" + domain, "/console/domains/missing-" + domain },
				{ "/console/pushes/" + push, "/console/pushes/00000000-0000-4000-8000-000000000000" },
				{ "/console/batches/" + batch, "/console/batches/00000000-0000-4000-8000-000000000000" } };
		for (String[] pair : pairs) {
			ConsoleClient.Page foreign = stranger.get(pair[0]);
			ConsoleClient.Page missing = stranger.get(pair[1]);
			assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
			assertThat(main(foreign.body())).isEqualTo(main(missing.body()));
		}
	}

	private static String main(String html) {
		assertThat(html).as("a page in the console's layout").contains("<main", "</main>");
		return html.substring(html.indexOf("<main"), html.indexOf("</main>"));
	}

	private static Map<String, ConsoleClient> people(Company owner, Company otherSide, Company unrelated) {
		Map<String, ConsoleClient> people = new LinkedHashMap<>();
		people.put("operator", signedIn(RunningSystem.OPERATOR_USERNAME, RunningSystem.OPERATOR_PASSWORD));
		for (Map.Entry<String, Company> admin : Map.of("owner", owner, "other-side", otherSide, "unrelated", unrelated)
			.entrySet()) {
			String username = admin.getKey() + "-" + admin.getValue().id() + "@matrix.example";
			people.put(admin.getKey(), signedIn(username, system.admin(admin.getValue(), username)));
		}
		ConsoleClient none = new ConsoleClient(system.baseUrl);
		none.get("/console/sign-in");
		people.put("none", none);
		return people;
	}

	private static ConsoleClient signedIn(String username, String password) {
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		assertThat(client.signIn(username, password).location()).endsWith("/console/");
		client.get("/console/account/password");
		return client;
	}

	private static String queuedPush(Company owner, Company gaining) {
		return scenario.push(owner, scenario.domain(owner, 0, null), gaining).get("push_id").asString();
	}

	/** Everything a denied change could touch, hashed. */
	private static String fingerprint() {
		return system.db
			.sql("""
					select md5(concat_ws('|',
					  (select string_agg(c::text, ',' order by company_id) from companies c),
					  (select string_agg(a::text, ',' order by gaining_company_id, losing_company_id) from push_allowances a),
					  (select string_agg(account_id || username, ',' order by account_id) from accounts),
					  (select string_agg(b::text, ',' order by brand_id) from brands b),
					  (select string_agg(d::text, ',' order by domain_id) from domains d),
					  (select string_agg(p.push_id || p.status, ',' order by push_id) from pushes p),
					  (select string_agg(w.webhook_id || w.url || md5(w.secret) || w.status, ',' order by webhook_id) from webhooks w),
					  (select count(*) from push_batches), (select count(*) from users)))""")
			.query(String.class)
			.single();
	}

	private static Row read(String path, int... expected) {
		return new Row(() -> path, null, expected);
	}

	private static Row write(Supplier<String> path, Supplier<Map<String, String>> form, int... expected) {
		return new Row(path, form, expected);
	}

	private record Row(Supplier<String> path, Supplier<Map<String, String>> form, int[] expected) {
	}

	private static String freshInvitation(Company company) {
		api.post("/api/v1/companies/" + company.id() + "/invitations", company.token(),
				"{\"email\":\"" + scenario.uniqueDomain().replace(".", "@r.") + "\"}");
		return api.get("/api/v1/companies/" + company.id() + "/invitations", company.token())
			.json()
			.get("items")
			.get(0)
			.get("invitation_id")
			.asString();
	}

}
