package io.domainpush.core.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that talk to a running push-api over the network, as
 * clients do.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public ApiClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * A request body as JSON, written from objects (maps, lists, records) instead of
	 * escaped strings.
	 */
	public static String json(Object body) {
		return JSON.writeValueAsString(body);
	}

	public Response get(String path, String token) {
		return send("GET", path, token, null, Map.of());
	}

	public Response post(String path, String token, String json) {
		return send("POST", path, token, json, Map.of());
	}

	public Response put(String path, String token, String json) {
		return send("PUT", path, token, json, Map.of());
	}

	public Response patch(String path, String token, String json) {
		return send("PATCH", path, token, json, Map.of());
	}

	public Response delete(String path, String token) {
		return send("DELETE", path, token, null, Map.of());
	}

	public Response send(String method, String path, String token, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null && !headers.containsKey("Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

		public JsonNode json() {
			return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public String code() {
			return json().path("code").asString(null);
		}

		@Override
		public String toString() {
			return status + " " + body;
		}

	}

}
