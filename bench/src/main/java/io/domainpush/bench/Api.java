package io.domainpush.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * push-api over HTTP, as clients use it, with an API token (none: the OMA-compatible API,
 * whose credentials are in the body); a status of 300 or more throws.
 */
record Api(String base, String token) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	JsonNode get(String path) throws IOException, InterruptedException {
		return send("GET", path, null);
	}

	JsonNode post(String path, String body) throws IOException, InterruptedException {
		return send("POST", path, body);
	}

	JsonNode put(String path, String body) throws IOException, InterruptedException {
		return send("PUT", path, body);
	}

	/** A company on cluster {@code a}; @return its id */
	long company(String name) throws IOException, InterruptedException {
		return post("/api/v1/companies", "{\"name\":\"" + name + "\",\"cluster\":\"a\"}").get("company_id").asLong();
	}

	/**
	 * The company's domain-push settings: who may push to it, and its notification email
	 * (or none).
	 */
	void allow(long company, String notificationEmail, long... losing) throws IOException, InterruptedException {
		StringBuilder ids = new StringBuilder();
		for (long id : losing) {
			ids.append(ids.isEmpty() ? "" : ",").append(id);
		}
		put("/api/v1/companies/" + company + "/domain-push",
				"{\"allowed_companies\":[" + ids + "],\"notification_email\":"
						+ (notificationEmail == null ? "null" : "\"" + notificationEmail + "\"") + "}");
	}

	/** Submits a push; @return its id */
	String push(String domain, long gaining) throws IOException, InterruptedException {
		return post("/api/v1/pushes", "{\"domain\":\"" + domain + "\",\"gaining_company_id\":" + gaining + "}")
			.get("push_id")
			.asString();
	}

	/**
	 * A method of the OMA-compatible API (its credentials in the body); an answer that is
	 * not a success throws.
	 */
	JsonNode oma(String path, String body) throws IOException, InterruptedException {
		JsonNode answer = post(path, body);
		if (!answer.path("success").asBoolean()) {
			throw new IllegalStateException("POST " + path + " -> " + answer);
		}
		return answer;
	}

	JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response;
		try {
			response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException staleConnection) {
			// a pooled keep-alive connection the server has just closed (Tomcat ends idle
			// ones after 10 s) is found out only when a request on it gets no answer: an
			// idempotent request is sent once more, on a new connection; a POST is not
			// (the suite counts an unanswered submission as such)
			if (method.equals("POST")) {
				throw staleConnection;
			}
			response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + path + " -> " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

}
