package io.domainpush.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console over plain HTTP, as a browser without JavaScript uses it: a cookie jar,
 * forms posted with the CSRF token of the last page read, redirects not followed (their
 * target is the answer). For the security tests and the authorization matrix, where a
 * real browser adds nothing but time.
 */
final class ConsoleClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private String csrf;

	private String forwardedFor;

	ConsoleClient(String base) {
		this.base = base;
	}

	/**
	 * Every request says, through the trusted proxy (the tests' loopback), that it comes
	 * from {@code address}.
	 */
	ConsoleClient from(String address) {
		this.forwardedFor = address;
		return this;
	}

	/** Signs in through the form; @return the answer (a redirect) */
	Page signIn(String username, String password) {
		get("/console/sign-in");
		return post("/console/sign-in", Map.of("username", username, "password", password));
	}

	Page get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	/** Posts the form with the CSRF token of the last page read. */
	Page post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (csrf != null) {
			fields.putIfAbsent("_csrf", csrf);
		}
		return postRaw(path, fields);
	}

	/** Posts exactly these fields: no CSRF token unless given. */
	Page postRaw(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** The session cookie as the server set it, or null. */
	HttpCookie sessionCookie() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("DOMAINPUSH_SESSION"))
			.findFirst()
			.orElse(null);
	}

	private Page send(HttpRequest.Builder request) {
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Matcher token = CSRF.matcher(response.body());
			if (token.find()) {
				csrf = token.group(1);
			}
			return new Page(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(null), response.headers().allValues("Set-Cookie"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Page(int status, String body, String location, java.util.List<String> setCookies) {

		boolean redirectsToSignIn() {
			return status == 302 && location != null && location.contains("/console/sign-in");
		}

	}

}
