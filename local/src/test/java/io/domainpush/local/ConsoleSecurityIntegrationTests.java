package io.domainpush.local;

import java.net.HttpCookie;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People's accounts and the console's session: passwords kept as hashes and held to a
 * policy, sign-in throttled per username and answered alike for every wrong answer, CSRF
 * on every form, session cookie flags, a new session id at sign-in, and sessions that end
 * at sign-out, when the account is removed and when its password changes.
 */
class ConsoleSecurityIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldKeepPasswordsAsAdaptiveHashesAndNeverAnswerThem() {
		Company company = scenario.company("a");
		String username = "hash-" + company.id() + "@security.example";
		ApiClient.Response created = api.post("/api/v1/companies/" + company.id() + "/admins", company.token(),
				"{\"username\":\"" + username.toUpperCase() + "\",\"password\":\"a-long-and-Rare-passphrase\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("username").asString()).isEqualTo(username);
		assertThat(created.body()).doesNotContain("passphrase").doesNotContain("password");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/admins", company.token()).body()).contains(username)
			.doesNotContain("passphrase")
			.doesNotContain("password")
			.doesNotContain("bcrypt");
		String stored = system.db.sql("select password_hash from accounts where username = :u")
			.param("u", username)
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{bcrypt}$2").doesNotContain("passphrase");
	}

	@Test
	void shouldRefuseWeakPasswordsTakenUsernamesAndInvalidUsernames() {
		Company company = scenario.company("a");
		String path = "/api/v1/companies/" + company.id() + "/admins";
		String username = "policy-" + company.id() + "@security.example";
		assertThat(api.post(path, company.token(), body(username, "short-1")).code()).isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, company.token(), body(username, "Qwerty123456")).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, company.token(), body(username, "x".repeat(65))).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, company.token(), body(username, "my " + username + " pass")).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, company.token(), body("not-an-address", "a-long-and-Rare-passphrase")).code())
			.isEqualTo("VALIDATION_FAILED");
		assertThat(api.post(path, company.token(), body(username, "a-long-and-Rare-passphrase")).status())
			.isEqualTo(201);
		ApiClient.Response again = api.post("/api/v1/companies/" + scenario.company("a").id() + "/admins",
				RunningSystem.OPERATOR_TOKEN, body(username, "another-long-Rare-passphrase"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("USERNAME_TAKEN");
	}

	@Test
	void shouldAnswerAWrongPasswordAndAnUnknownUsernameAlike() {
		Company company = scenario.company("a");
		String username = "alike-" + company.id() + "@security.example";
		system.admin(company, username);
		ConsoleClient.Page wrongPassword = new ConsoleClient(system.baseUrl).signIn(username,
				"not-the-password-at-all");
		ConsoleClient.Page unknown = new ConsoleClient(system.baseUrl).signIn("nobody-" + username,
				"any-password-1234");
		assertThat(wrongPassword.status()).isEqualTo(unknown.status()).isEqualTo(302);
		assertThat(wrongPassword.location()).isEqualTo(unknown.location()).endsWith("/console/sign-in?error");
	}

	@Test
	void shouldRefuseAUsernameAfterTenFailedSignInsEvenWithTheRightPassword() {
		Company company = scenario.company("a");
		String username = "throttle-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		for (int i = 0; i < 10; i++) {
			assertThat(new ConsoleClient(system.baseUrl).signIn(username, "wrong-password-" + i).location())
				.endsWith("?error");
		}
		ConsoleClient.Page refused = new ConsoleClient(system.baseUrl).signIn(username, password);
		assertThat(refused.location()).endsWith("/console/sign-in?later");
		assertThat(new ConsoleClient(system.baseUrl).signIn("other-" + username, "wrong-password").location())
			.as("another username is not held back")
			.endsWith("?error");
		assertThat(system.db.sql("select count(*) from audit_log where company_id = :c and action = 'SIGN_IN_FAILED'")
			.param("c", company.id())
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	@Test
	void shouldRefuseAFormPostedWithoutItsCsrfTokenAndChangeNothing() {
		Company company = scenario.company("a");
		String username = "csrf-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		client.signIn(username, password);
		client.get("/console/companies/" + company.id());
		ConsoleClient.Page forged = client.postRaw("/console/companies/" + company.id() + "/domain-push",
				Map.of("allowed_companies", "", "notification_email", "attacker@evil.example"));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(client
			.post("/console/companies/" + company.id() + "/domain-push",
					Map.of("allowed_companies", "", "notification_email", "noc@good.example"))
			.status()).isEqualTo(302);
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domain-push", company.token())
			.json()
			.get("notification_email")
			.asString()).isEqualTo("noc@good.example");
	}

	@Test
	void shouldSetAnHttpOnlySameSiteSessionCookieAndChangeItAtSignIn() {
		Company company = scenario.company("a");
		String username = "cookie-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		ConsoleClient.Page form = client.get("/console/sign-in");
		String before = client.sessionCookie().getValue();
		assertThat(form.setCookies()).singleElement()
			.satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/")
				.doesNotContain("Secure"));
		ConsoleClient.Page signedIn = client.post("/console/sign-in",
				Map.of("username", username, "password", password));
		assertThat(signedIn.location()).endsWith("/console/");
		assertThat(client.sessionCookie().getValue()).as("a new session id at sign-in").isNotEqualTo(before);
		assertThat(withCookie(before).get("/console/domains").redirectsToSignIn()).isTrue();
		assertThat(system.db.sql("select max_inactive_interval from spring_session where principal_name = :u")
			.param("u", username)
			.query(Integer.class)
			.single()).as("idle timeout, seconds").isEqualTo(30 * 60);
	}

	@Test
	void shouldSignInWithAUsernameAsLongAsAnEmailAddressMayBe() {
		Company company = scenario.company("a");
		String local = ("long" + company.id() + "-").repeat(12).substring(0, 64);
		String username = local + "@" + "l".repeat(60) + "." + "o".repeat(60) + "." + "n".repeat(50) + ".example";
		assertThat(username).hasSizeGreaterThan(230).hasSizeLessThanOrEqualTo(254);
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		ConsoleClient.Page signedIn = client.signIn(username, system.admin(company, username));
		assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
		assertThat(signedIn.location()).endsWith("/console/");
		assertThat(client.get("/console/domains").status()).isEqualTo(200);
		assertThat(system.db.sql("select count(*) from spring_session where principal_name = :u")
			.param("u", username)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void shouldEndTheSessionAtSignOut() {
		Company company = scenario.company("a");
		String username = "signout-" + company.id() + "@security.example";
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		client.signIn(username, system.admin(company, username));
		String session = client.sessionCookie().getValue();
		assertThat(client.get("/console/domains").status()).isEqualTo(200);
		assertThat(client.post("/console/sign-out", Map.of()).location()).endsWith("/console/sign-in?signed-out");
		assertThat(withCookie(session).get("/console/domains").redirectsToSignIn()).isTrue();
	}

	@Test
	void shouldEndTheSessionsOfARemovedAdministratorAtOnce() {
		Company company = scenario.company("a");
		String username = "removed-" + company.id() + "@security.example";
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		client.signIn(username, system.admin(company, username));
		assertThat(client.get("/console/domains").status()).isEqualTo(200);
		String adminId = api.get("/api/v1/companies/" + company.id() + "/admins", company.token())
			.json()
			.get("items")
			.get(0)
			.get("admin_id")
			.asString();
		assertThat(api.delete("/api/v1/companies/" + company.id() + "/admins/" + adminId, company.token()).status())
			.isEqualTo(204);
		assertThat(client.get("/console/domains").redirectsToSignIn()).isTrue();
		assertThat(system.db.sql("select count(*) from spring_session where principal_name = :u")
			.param("u", username)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void shouldEndOtherSessionsWhenThePasswordChanges() {
		Company company = scenario.company("a");
		String username = "change-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		ConsoleClient first = new ConsoleClient(system.baseUrl);
		ConsoleClient second = new ConsoleClient(system.baseUrl);
		first.signIn(username, password);
		second.signIn(username, password);
		first.get("/console/account/password");
		String next = "a-new-Rare-passphrase-" + company.id();
		ConsoleClient.Page changed = first.post("/console/account/password",
				Map.of("current_password", password, "new_password", next, "repeat_password", next));
		assertThat(changed.location()).endsWith("/console/account/password");
		assertThat(first.get("/console/domains").status()).isEqualTo(200);
		assertThat(second.get("/console/domains").redirectsToSignIn()).isTrue();
		assertThat(new ConsoleClient(system.baseUrl).signIn(username, password).location()).endsWith("?error");
		assertThat(new ConsoleClient(system.baseUrl).signIn(username, next).location()).endsWith("/console/");
	}

	@Test
	void shouldLetOperatorsManageOperatorAccountsOnly() {
		Company company = scenario.company("a");
		String body = body("second-operator-" + company.id() + "@security.example", "an-operator-Rare-passphrase");
		assertThat(api.post("/api/v1/operators", company.token(), body).status()).isEqualTo(403);
		ApiClient.Response created = api.post("/api/v1/operators", RunningSystem.OPERATOR_TOKEN, body);
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("operator_id").asString();
		assertThat(api.get("/api/v1/operators", RunningSystem.OPERATOR_TOKEN).body()).contains(id);
		assertThat(api.delete("/api/v1/operators/" + id, RunningSystem.OPERATOR_TOKEN).status()).isEqualTo(204);
	}

	private static ConsoleClient withCookie(String session) {
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		HttpCookie cookie = new HttpCookie("DOMAINPUSH_SESSION", session);
		cookie.setPath("/");
		cookie.setVersion(0);
		client.cookies.getCookieStore().add(java.net.URI.create(system.baseUrl), cookie);
		return client;
	}

	private static String body(String username, String password) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
	}

}
