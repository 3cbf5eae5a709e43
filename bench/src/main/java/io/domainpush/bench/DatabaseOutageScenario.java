package io.domainpush.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL stopped (the suite needs it to be its own to stop:
 * {@code --skip-pg} leaves it alone): while it is down a push must be answered 503, never
 * 202; so must an OMA call with a session token and a signed-in console page (the session
 * lives in the database), each with {@code Retry-After}.
 */
final class DatabaseOutageScenario implements FaultScenario {

	@Override
	public String description(FaultLab lab) {
		return "PostgreSQL stopped for " + lab.setting.pgOutageSeconds() + " s";
	}

	@Override
	public void inject(FaultLab lab) throws Exception {
		String version = clusterVersion();
		if (version == null || lab.setting.skipPg()) {
			lab.say("    skipped: no local PostgreSQL cluster to stop, or --skip-pg");
			return;
		}
		People people = People.of(lab);
		for (int seconds : lab.setting.pgOutageSeconds()) {
			Processes.command("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
			int refused = 0;
			for (int i = 6; i <= 8; i++) {
				refused += submitWhileDown(lab, "outage" + i + ".example");
			}
			people.expectUnavailable(lab);
			Thread.sleep(seconds * 1000L); // the outage
			Processes.command("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
			lab.say("    %d of 3 submissions during the outage answered 503", refused);
			lab.fault();
		}
	}

	/**
	 * @return 1 when answered 503, as it must be
	 */
	private static int submitWhileDown(FaultLab lab, String domain) {
		try {
			lab.api.push(domain, lab.gaining);
			lab.violations.add("a push was answered 202 while PostgreSQL was down");
			return 0;
		}
		catch (Exception ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("-> 503")) {
				return 1;
			}
			lab.violations.add("while PostgreSQL was down a push got " + ex.getMessage() + " (503 expected)");
			return 0;
		}
	}

	/**
	 * An admin of the losing company with an OMA session token and a console session,
	 * both made while the database is up.
	 */
	private record People(String username, String token, HttpClient console, String base) {

		static People of(FaultLab lab) throws Exception {
			String username = "outage-" + lab.losing + "@faults.example";
			String password = "outage-passphrase-" + System.nanoTime();
			lab.api.post("/api/v1/companies/" + lab.losing + "/admins",
					"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
			HttpClient client = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			String token = JSON
				.readTree(post(client, lab.api.base() + "/api/authenticate",
						"{\"credentials\":{\"user\":\"" + username + "\",\"password\":\"" + password
								+ "\"},\"generate_session_token\":true}",
						"application/json")
					.body())
				.get("session_token")
				.asString();
			String page = client
				.send(HttpRequest.newBuilder(URI.create(lab.api.base() + "/console/sign-in")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher csrf = CSRF.matcher(page);
			if (!csrf.find()) {
				throw new IllegalStateException("the sign-in page has no CSRF token");
			}
			post(client, lab.api.base() + "/console/sign-in",
					"username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1)),
					"application/x-www-form-urlencoded");
			return new People(username, token, client, lab.api.base());
		}

		void expectUnavailable(FaultLab lab) throws Exception {
			HttpResponse<String> oma = post(console, base + "/api/echo",
					"{\"credentials\":{\"user\":\"" + username + "\",\"token\":\"" + token + "\"}}",
					"application/json");
			expect503(lab, "an OMA call", oma);
			HttpResponse<String> page = console.send(
					HttpRequest.newBuilder(URI.create(base + "/console/domains")).build(),
					HttpResponse.BodyHandlers.ofString());
			expect503(lab, "a signed-in console page", page);
		}

		private static void expect503(FaultLab lab, String what, HttpResponse<String> response) {
			if (response.statusCode() != 503 || response.headers().firstValue("Retry-After").isEmpty()) {
				lab.violations.add("while PostgreSQL was down " + what + " got " + response.statusCode()
						+ " (503 with Retry-After expected)");
			}
		}

		private static HttpResponse<String> post(HttpClient client, String url, String body, String type)
				throws Exception {
			return client.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private static String enc(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String clusterVersion() throws java.io.IOException {
		Path clusters = Path.of("/etc/postgresql");
		if (!Files.exists(clusters)) {
			return null;
		}
		try (Stream<Path> versions = Files.list(clusters)) {
			return versions.findFirst().map(p -> p.getFileName().toString()).orElse(null);
		}
	}

}
