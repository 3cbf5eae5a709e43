package io.domainpush.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's requests to the console without the browser: signed in through the form
 * (its CSRF token, the session cookie), then pages read as HTML, as the scale benchmark
 * times them.
 */
final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private ConsoleSession(String base) {
		this.base = base;
	}

	static ConsoleSession signIn(String base, String username, String password)
			throws IOException, InterruptedException {
		ConsoleSession session = new ConsoleSession(base);
		Matcher csrf = CSRF.matcher(session.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))).body());
		if (!csrf.find()) {
			throw new IllegalStateException("the sign-in page has no CSRF token");
		}
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("sign-in")) {
			throw new IllegalStateException("sign-in refused: " + signedIn.statusCode());
		}
		return session;
	}

	/** Reads a page; anything but 200 is an error. */
	String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + path)));
		if (page.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " -> " + page.statusCode());
		}
		return page.body();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
