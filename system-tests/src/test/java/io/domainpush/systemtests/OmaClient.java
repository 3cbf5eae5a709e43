package io.domainpush.systemtests;

import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OMA client as an existing integration is written: one JSON POST per method to
 * {@code <base>/api/<method>}, its credentials in the body.
 */
final class OmaClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiClient http;

	private final String user;

	private final String password;

	private final String token;

	private OmaClient(ApiClient http, String user, String password, String token) {
		this.http = http;
		this.user = user;
		this.password = password;
		this.token = token;
	}

	static OmaClient withPassword(ApiClient http, String user, String password) {
		return new OmaClient(http, user, password, null);
	}

	static OmaClient withToken(ApiClient http, String user, String token) {
		return new OmaClient(http, user, null, token);
	}

	/** Calls {@code method} with these fields and this client's credentials. */
	JsonNode call(String method, Map<String, Object> fields) {
		ApiClient.Response response = raw(method, body(fields));
		if (response.status() != 200) {
			throw new AssertionError(method + " answered " + response);
		}
		return response.json();
	}

	ApiClient.Response raw(String method, String body) {
		return http.send("POST", "/api/" + method, null, body, Map.of());
	}

	String body(Map<String, Object> fields) {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode credentials = body.putObject("credentials");
		credentials.put("user", user);
		if (password != null) {
			credentials.put("password", password);
		}
		if (token != null) {
			credentials.put("token", token);
		}
		fields.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
		return JSON.writeValueAsString(body);
	}

}
