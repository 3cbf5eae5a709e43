package io.domainpush.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Every console route × every kind of person: the operator, an admin of the owning
 * (losing) company, an admin of the other side of its pushes (gaining), an admin of an
 * unrelated company, and nobody signed in; one row per route (add one with every new page
 * or form). A denied change changes nothing, and another company's object answers exactly
 * like a missing one.
 */
class ConsoleAuthorizationMatrixIntegrationTests extends AgainstRunningSystem {

	private static final List<String> ROLES = List.of("operator", "owner", "other-side", "unrelated", "none");

	private static WebhookReceiver receiver;

	private static final List<String> FRESH_BATCHES = new ArrayList<>();

	private static Map<String, ConsoleClient> people;

	private static Placeholders objects;

	private static String domain;

	private static String pushed;

	private static String batch;

	private static String webhook;

	/**
	 * The objects the rows name. Pushes stay queued while the table is checked (the
	 * worker is paused): only the calls change the database.
	 */
	@BeforeAll
	static void createTheObjectsAndPauseTheWorker() throws Exception {
		receiver = new WebhookReceiver();
		Company owner = scenario.company("a");
		Company otherSide = scenario.company("a");
		Company unrelated = scenario.company("a");
		scenario.allow(otherSide, null, owner);
		people = people(owner, otherSide, unrelated);
		long brand = scenario.brand(owner, "B", Map.of());
		domain = scenario.domain(owner, 1, null);
		pushed = scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString();
		batch = scenario.batch(owner, otherSide, List.of(scenario.domain(owner, 0, null)));
		webhook = webhook(owner);
		system.pauseWorker();
		// from here on the other side approves each push: the awaiting pushes below wait
		// for it
		assertThat(
				api.put("/api/v1/companies/" + otherSide.id() + "/domain-push", otherSide.token(),
						ApiClient.json(Map.of("allowed_companies", List.of(owner.id()), "notification_email",
								"noc-" + otherSide.id() + "@example.com", "accept", "approve")))
					.status())
			.isEqualTo(200);
		objects = new Placeholders().fixed("owner", owner.id())
			.fixed("other-side", otherSide.id())
			.fixed("domain", domain)
			.fixed("brand", brand)
			.fixed("pushed", pushed)
			.fixed("batch", batch)
			.fixed("webhook", webhook)
			.fixed("receiver", receiver.url("/console-matrix"))
			.fresh("new-username", () -> scenario.uniqueDomain().replace(".", "@x."))
			.fresh("new-email", () -> scenario.uniqueDomain().replace(".", "@i."))
			.fresh("fresh-invitation", () -> freshInvitation(owner))
			.fresh("fresh-company", () -> scenario.company("a").id())
			.fresh("queued-push",
					() -> scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString())
			.fresh("awaiting-push",
					() -> scenario.push(owner, scenario.domain(owner, 0, null), otherSide).get("push_id").asString())
			.fresh("awaiting-batch", () -> freshBatch(owner, otherSide))
			.fresh("fresh-webhook", () -> webhook(owner));
	}

	@AfterAll
	static void resumeTheWorker() {
		system.resumeWorker();
		receiver.close();
	}

	/**
	 * {@code 302} is a redirect after a change that was made; {@code SIGN_IN} a redirect
	 * to the sign-in page. A form is written {@code name=value&...}.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# method | route                                         | form                                                                   | operator | owner | other-side | unrelated | none
					GET  | /console/companies                                    |                                                                        | 200 | 403 | 403 | 403 | SIGN_IN
					GET  | /console/companies/{owner}                            |                                                                        | 200 | 200 | 404 | 404 | SIGN_IN
					GET  | /console/companies/{owner}/admins                     |                                                                        | 200 | 200 | 404 | 404 | SIGN_IN
					GET  | /console/domains                                      |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/domains?company={owner}                      |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/domains/{domain}                             |                                                                        | 200 | 200 | 404 | 404 | SIGN_IN
					GET  | /console/pushes                                       |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/pushes?direction=INCOMING                    |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/pushes/{pushed}                              |                                                                        | 200 | 200 | 200 | 404 | SIGN_IN
					GET  | /console/pushes/{pushed}/live                         |                                                                        | 200 | 200 | 200 | 404 | SIGN_IN
					GET  | /console/incoming                                     |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/bulk                                         |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/batches/{batch}                              |                                                                        | 200 | 200 | 200 | 404 | SIGN_IN
					GET  | /console/batches/{batch}/progress                     |                                                                        | 200 | 200 | 200 | 404 | SIGN_IN
					GET  | /console/batches/{batch}/results.csv                  |                                                                        | 200 | 200 | 200 | 404 | SIGN_IN
					GET  | /console/brands                                       |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/brands?company={owner}                       |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/audit                                        |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/operations                                   |                                                                        | 200 | 403 | 403 | 403 | SIGN_IN
					GET  | /console/operations/figures                           |                                                                        | 200 | 403 | 403 | 403 | SIGN_IN
					GET  | /console/operations/lag.json                          |                                                                        | 200 | 403 | 403 | 403 | SIGN_IN
					GET  | /console/account/password                             |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/webhooks                                     |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/webhooks?company={owner}                     |                                                                        | 200 | 200 | 200 | 200 | SIGN_IN
					GET  | /console/webhooks/{webhook}?company={owner}           |                                                                        | 200 | 200 | 404 | 404 | SIGN_IN
					# an invitation's page is public: its link is the proof, and a wrong one is a 404 for everybody
					GET  | /console/invitations/accept?token=wrong               |                                                                        | 404 | 404 | 404 | 404 | 404
					POST | /console/companies/{owner}/domain-push                | allowedCompanies=&notificationEmail=                                   | 302 | 302 | 404 | 404 | SIGN_IN
					# only the operator adds an admin directly; a company admin invites
					POST | /console/companies/{owner}/admins                     | username={new-username}&password=a-long-and-Rare-passphrase            | 302 | 422 | 404 | 404 | SIGN_IN
					POST | /console/companies/{owner}/invitations                | email={new-email}                                                      | 302 | 302 | 404 | 404 | SIGN_IN
					POST | /console/companies/{owner}/invitations/{fresh-invitation}/revoke |                                                              | 302 | 302 | 404 | 404 | SIGN_IN
					POST | /console/companies                                    | name=New&cluster=a                                                     | 302 | 403 | 403 | 403 | SIGN_IN
					POST | /console/companies/{fresh-company}/delete             |                                                                        | 302 | 403 | 403 | 403 | SIGN_IN
					POST | /console/domains/{domain}/brand                       | brand_id={brand}                                                       | 302 | 302 | 404 | 404 | SIGN_IN
					POST | /console/brands/{brand}                               | name=Renamed                                                           | 302 | 302 | 404 | 404 | SIGN_IN
					POST | /console/pushes/confirm                               | domain={domain}&gainingCompanyId={other-side}                          | 200 | 200 | 404 | 404 | SIGN_IN
					POST | /console/pushes/{queued-push}/cancel                  |                                                                        | 302 | 302 | 403 | 404 | SIGN_IN
					POST | /console/batches/{batch}/cancel                       |                                                                        | 302 | 302 | 403 | 404 | SIGN_IN
					# the other side approves each push (R11): it decides, the owner may only withdraw
					POST | /console/pushes/{awaiting-push}/approve               |                                                                        | 302 | 403 | 302 | 404 | SIGN_IN
					POST | /console/pushes/{awaiting-push}/decline               |                                                                        | 302 | 403 | 302 | 404 | SIGN_IN
					POST | /console/pushes/{awaiting-push}/cancel                |                                                                        | 302 | 302 | 403 | 404 | SIGN_IN
					POST | /console/batches/{awaiting-batch}/approve             |                                                                        | 302 | 403 | 302 | 404 | SIGN_IN
					POST | /console/batches/{awaiting-batch}/decline             |                                                                        | 302 | 403 | 302 | 404 | SIGN_IN
					# a company admin registers an endpoint of its own company, whatever it names
					POST | /console/webhooks                                     | company={owner}&url={receiver}&events=push.completed                   | 302 | 302 | 302 | 302 | SIGN_IN
					POST | /console/webhooks/{webhook}/ping                      | company={owner}                                                        | 302 | 302 | 404 | 404 | SIGN_IN
					POST | /console/webhooks/{webhook}/rotate-secret             | company={owner}                                                        | 302 | 302 | 404 | 404 | SIGN_IN
					POST | /console/webhooks/{fresh-webhook}/delete              | company={owner}                                                        | 302 | 302 | 404 | 404 | SIGN_IN
					""")
	void shouldAnswerAsTheTableSaysAndChangeNothingWhenDenied(String method, String route, String form,
			@AggregateWith(ExpectedAnswers.class) List<String> expected) {
		for (int column = 0; column < ROLES.size(); column++) {
			check(method, route, form, ROLES.get(column), expected.get(column));
		}
	}

	@Test
	void shouldAnswerAnotherCompanysObjectsExactlyLikeMissingOnes() {
		ConsoleClient stranger = people.get("unrelated");
		assertNotYoursAnswersLikeMissing(stranger, domain, pushed, batch);
		ConsoleClient.Page foreignHook = stranger.get("/console/webhooks/" + webhook);
		ConsoleClient.Page missingHook = stranger.get("/console/webhooks/00000000-0000-4000-8000-000000000000");
		assertThat(foreignHook.status()).isEqualTo(missingHook.status()).isEqualTo(404);
		assertThat(main(foreignHook.body())).isEqualTo(main(missingHook.body()));
	}

	/**
	 * A new batch of one domain; the fresh batches of earlier rows are cancelled first,
	 * since a company may have only a few open ones (the denied calls left them open).
	 */
	private static String freshBatch(Company losing, Company gaining) {
		FRESH_BATCHES.forEach(old -> api.delete("/api/v1/push-batches/" + old, RunningSystem.OPERATOR_TOKEN));
		FRESH_BATCHES.clear();
		String batch = scenario.batch(losing, gaining, List.of(scenario.domain(losing, 0, null)));
		FRESH_BATCHES.add(batch);
		return batch;
	}

	private static void check(String method, String route, String form, String role, String expected) {
		String path = objects.expand(route);
		Map<String, String> fields = "POST".equals(method) ? fields(form) : null;
		boolean signIn = "SIGN_IN".equals(expected);
		boolean compared = fields != null && (signIn || Integer.parseInt(expected) >= 400);
		if (compared) {
			// what earlier calls started must be done before the comparison starts
			system.awaitApprovalRequestsSettled();
		}
		String before = compared ? system.fingerprint() : null;
		ConsoleClient person = people.get(role);
		ConsoleClient.Page page = fields == null ? person.get(path) : person.post(path, fields);
		String what = method + " " + path + " as " + role;
		if (signIn) {
			assertThat(page.redirectsToSignIn()).as(what + ": " + page.status() + " " + page.location()).isTrue();
		}
		else {
			assertThat(page.status()).as(what + ": " + page.location()).isEqualTo(Integer.parseInt(expected));
			if (page.status() == 302) {
				assertThat(page.redirectsToSignIn()).as(what).isFalse();
			}
		}
		if (before != null) {
			assertThat(system.fingerprint()).as(what + " changed nothing").isEqualTo(before);
		}
	}

	private static Map<String, String> fields(String form) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (form != null) {
			for (String pair : form.split("&")) {
				int equals = pair.indexOf('=');
				fields.put(pair.substring(0, equals), objects.expand(pair.substring(equals + 1)));
			}
		}
		return fields;
	}

	private static String webhook(Company company) {
		return api
			.post("/api/v1/companies/" + company.id() + "/webhooks", company.token(),
					"{\"url\":\"" + receiver.url("/console-matrix") + "\",\"events\":[\"push.completed\"]}")
			.json()
			.get("webhook_id")
			.asString();
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
