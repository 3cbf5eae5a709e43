package io.domainpush.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People's accounts and the console's session: passwords kept as hashes and held to a
 * policy, sign-in slowed down (never locked) after failures and answered alike for every
 * wrong answer, the owner never locked out by what is tried elsewhere (their session
 * token, their known browser, their password after the delay), CSRF on every form,
 * session cookie flags, no session stored before sign-in, a new session id at sign-in,
 * and sessions that end at sign-out, when the account is removed and when its password
 * changes.
 */
class ConsoleSecurityIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldKeepPasswordsAsAdaptiveHashesAndNeverAnswerThem() {
		Company company = scenario.company("a");
		String username = "hash-" + company.id() + "@security.example";
		ApiClient.Response created = api.post("/api/v1/companies/" + company.id() + "/admins",
				RunningSystem.OPERATOR_TOKEN,
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
		assertThat(api.post(path, RunningSystem.OPERATOR_TOKEN, body(username, "short-1")).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, RunningSystem.OPERATOR_TOKEN, body(username, "Qwerty123456")).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, RunningSystem.OPERATOR_TOKEN, body(username, "x".repeat(65))).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, RunningSystem.OPERATOR_TOKEN, body(username, "my " + username + " pass")).code())
			.isEqualTo("PASSWORD_REJECTED");
		assertThat(api.post(path, RunningSystem.OPERATOR_TOKEN, body("not-an-address", "a-long-and-Rare-passphrase"))
			.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.post(path, RunningSystem.OPERATOR_TOKEN, body(username, "a-long-and-Rare-passphrase")).status())
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
	void shouldSlowAGuesserDownWithGrowingDelaysInsteadOfLockingTheUsername() {
		Company company = scenario.company("a");
		String username = "throttle-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		for (int i = 0; i < 5; i++) {
			assertThat(new ConsoleClient(system.baseUrl).signIn(username, "wrong-password-" + i).location())
				.as("failure %d costs no delay", i + 1)
				.endsWith("?error");
		}
		assertThat(new ConsoleClient(system.baseUrl).signIn(username, "wrong-password-5").location())
			.endsWith("?error");
		ConsoleClient.Page held = new ConsoleClient(system.baseUrl).signIn(username, password);
		assertThat(held.location()).as("looked at only after the delay").contains("/console/sign-in?later=");
		assertThat(new ConsoleClient(system.baseUrl).get(held.location().substring(held.location().indexOf("/console")))
			.body()).contains("Too many attempts: try again in <span>1 second</span>.");
		assertThat(new ConsoleClient(system.baseUrl).signIn("other-" + username, "wrong-password").location())
			.as("another username is not held back")
			.endsWith("?error");
		// after the delay the password is looked at: the right one signs in
		await().atMost(Duration.ofSeconds(10))
			.until(() -> new ConsoleClient(system.baseUrl).signIn(username, password).location(),
					location -> location.endsWith("/console/"));
		assertThat(system.db.sql("select count(*) from audit_log where company_id = :c and action = 'SIGN_IN_FAILED'")
			.param("c", company.id())
			.query(Long.class)
			.single()).as("only the attempts whose password was looked at").isEqualTo(6);
	}

	@ParameterizedTest(name = "{0} attempts from other addresses")
	@ValueSource(ints = { 10, 30, 100 })
	void shouldNeverLockTheOwnerOutWhateverIsTriedElsewhere(int attempts) {
		Company company = scenario.company("a");
		String username = "owner-" + attempts + "-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		ConsoleClient ownBrowser = new ConsoleClient(system.baseUrl).from("10.1.0.1");
		assertThat(ownBrowser.signIn(username, password).location()).endsWith("/console/");
		ownBrowser.post("/console/sign-out", Map.of());
		String token = api
			.post("/api/authenticate", null,
					"{\"credentials\":{\"user\":\"" + username + "\",\"password\":\"" + password
							+ "\"},\"generate_session_token\":true}")
			.json()
			.get("session_token")
			.asString();

		for (int i = 0; i < attempts; i++) {
			new ConsoleClient(system.baseUrl).from("10.2." + (i / 250) + "." + (i % 250 + 1))
				.signIn(username, "guess-" + i + "-abcdefgh");
		}

		assertThat(oma("echo", username, "\"token\":\"" + token + "\"").json().get("success").asBoolean())
			.as("the owner's session token")
			.isTrue();
		assertThat(ownBrowser.signIn(username, password).location()).as("the owner's known browser")
			.endsWith("/console/");
		await().atMost(Duration.ofSeconds(10))
			.alias("the right password from a new address, after the delay")
			.until(() -> new ConsoleClient(system.baseUrl).from("10.3.0.1").signIn(username, password).location(),
					location -> location.endsWith("/console/"));
	}

	@Test
	void shouldNotCountAWrongSessionTokenAsAPasswordFailure() {
		Company company = scenario.company("a");
		String username = "token-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		for (int i = 0; i < 20; i++) {
			assertThat(oma("echo", username, "\"token\":\"oma_wrong-" + i + "\"").json().get("error_number").asInt())
				.isEqualTo(1);
		}
		assertThat(new ConsoleClient(system.baseUrl).signIn(username, password).location()).endsWith("/console/");
	}

	@Test
	void shouldStoreNoSessionForAnonymousRequests() {
		long before = sessions();
		HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		List<String> paths = List.of("/", "/console/", "/console/sign-in", "/console/domains", "/console/companies/1");
		for (int i = 0; i < 2000; i++) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create(system.baseUrl + paths.get(i % paths.size())));
			if (i % 2 == 0) {
				request.header("Cookie", "DOMAINPUSH_SESSION=bogus-" + i);
			}
			HttpResponse<Void> response = send(anonymous, request.build());
			assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("DOMAINPUSH_SESSION"));
		}
		assertThat(sessions()).as("2,000 anonymous requests").isEqualTo(before);
	}

	private long sessions() {
		return system.db.sql("select count(*) from spring_session").query(Long.class).single();
	}

	private static HttpResponse<Void> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private ApiClient.Response oma(String method, String username, String secret) {
		return api.post("/api/" + method, null, "{\"credentials\":{\"user\":\"" + username + "\"," + secret + "}}");
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
				Map.of("allowedCompanies", "", "notificationEmail", "attacker@evil.example"));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(client
			.post("/console/companies/" + company.id() + "/domain-push",
					Map.of("allowedCompanies", "", "notificationEmail", "noc@good.example"))
			.status()).isEqualTo(302);
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domain-push", company.token())
			.json()
			.get("notification_email")
			.asString()).isEqualTo("noc@good.example");
	}

	@Test
	void shouldSetAnHttpOnlySameSiteSessionCookieAtSignInNeverBeforeAndNeverAPlantedOne() {
		Company company = scenario.company("a");
		String username = "cookie-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		ConsoleClient.Page form = client.get("/console/sign-in");
		assertThat(client.sessionCookie()).as("no session before sign-in").isNull();
		assertThat(form.setCookies()).singleElement()
			.satisfies(cookie -> assertThat(cookie).startsWith("DP_CSRF=").contains("HttpOnly", "SameSite=Lax"));
		// a session id an attacker planted in the browser is not the one signed in
		String planted = "cGxhbnRlZC1ieS1hbi1hdHRhY2tlcg";
		HttpCookie plantedCookie = new HttpCookie("DOMAINPUSH_SESSION", planted);
		plantedCookie.setPath("/");
		client.cookies.getCookieStore().add(URI.create(system.baseUrl), plantedCookie);
		ConsoleClient.Page signedIn = client.post("/console/sign-in",
				Map.of("username", username, "password", password));
		assertThat(signedIn.location()).endsWith("/console/");
		assertThat(signedIn.setCookies()).anySatisfy(cookie -> assertThat(cookie).startsWith("DOMAINPUSH_SESSION=")
			.contains("HttpOnly", "SameSite=Lax", "Path=/")
			.doesNotContain("Secure"));
		String issued = signedIn.setCookies()
			.stream()
			.filter(cookie -> cookie.startsWith("DOMAINPUSH_SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(issued).as("a new session id at sign-in").doesNotContain(planted);
		assertThat(withCookie(planted).get("/console/domains").redirectsToSignIn()).isTrue();
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
		assertThat(client.get("/console/sign-in?signed-out").body()).contains("You are signed out.");
		assertThat(new ConsoleClient(system.baseUrl).get("/console/sign-in").body())
			.as("a sign-in page nobody signed out of says nothing of the kind")
			.doesNotContain("You are signed out.", "Your account is ready");
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
		String sessionBefore = first.sessionCookie().getValue();
		String next = "a-new-Rare-passphrase-" + company.id();
		ConsoleClient.Page changed = first.post("/console/account/password",
				Map.of("currentPassword", password, "newPassword", next, "repeatPassword", next));
		assertThat(changed.location()).endsWith("/console/account/password");
		assertThat(first.get("/console/domains").status()).isEqualTo(200);
		assertThat(second.get("/console/domains").redirectsToSignIn()).isTrue();
		assertThat(first.sessionCookie().getValue()).as("this session's id changed with the password")
			.isNotEqualTo(sessionBefore);
		assertThat(new ConsoleClient(system.baseUrl).signIn(username, password).location()).endsWith("?error");
		assertThat(new ConsoleClient(system.baseUrl).signIn(username, next).location()).endsWith("/console/");
	}

	@Test
	void shouldThrottleAndAuditGuessesOfTheCurrentPasswordAndRefuseUselessNewOnes() {
		Company company = scenario.company("a");
		String username = "guess-" + company.id() + "@security.example";
		String password = system.admin(company, username);
		ConsoleClient stolen = new ConsoleClient(system.baseUrl);
		stolen.signIn(username, password);
		String next = "a-new-Rare-passphrase-" + company.id();
		List<String> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			stolen.get("/console/account/password");
			answers.add(
					stolen
						.post("/console/account/password", Map.of("currentPassword", "guess-" + i + "-abcdefgh",
								"newPassword", next, "repeatPassword", next))
						.body());
		}
		assertThat(answers.get(0)).contains("The current password is not right.");
		assertThat(answers).as("guesses are slowed down like sign-ins")
			.anyMatch(body -> body.contains("Too many attempts: try again in"));
		assertThat(system.db
			.sql("select count(*) from audit_log where company_id = :c and action = 'PASSWORD_CHANGE_FAILED'")
			.param("c", company.id())
			.query(Long.class)
			.single()).isBetween(5L, 12L);

		ConsoleClient owner = new ConsoleClient(system.baseUrl).from("10.4.0.1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> owner.signIn(username, password).location(), location -> location.endsWith("/console/"));
		for (String useless : List.of(password, "line\nbreak-passphrase", "nul\u0000in-a-passphrase")) {
			owner.get("/console/account/password");
			ConsoleClient.Page refused = await().atMost(Duration.ofSeconds(10))
				.until(() -> owner.post("/console/account/password",
						Map.of("currentPassword", password, "newPassword", useless, "repeatPassword", useless)),
						page -> !page.body().contains("Too many attempts"));
			assertThat(refused.status()).as(useless).isEqualTo(422);
			assertThat(refused.body()).containsAnyOf("The new password is the current one",
					"A password may not hold control characters");
		}
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
