package io.domainpush.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.domainpush.core.notification.NotificationStatus;
import io.domainpush.core.push.PushStatus;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code --demo} does, through the public API only: two resellers on cluster "a",
 * the gaining one allows the losing one and sets a notification email, three domains are
 * pushed, and the emails that arrived are shown.
 */
final class Demo {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String api;

	private final String operatorToken;

	private final LocalMail mail;

	Demo(String api, String operatorToken, LocalMail mail) {
		this.api = api;
		this.operatorToken = operatorToken;
		this.mail = mail;
	}

	void run() throws Exception {
		LocalMode.say("Demo: creating two resellers on cluster 'a' ...");
		long losing = company("Losing Reseller", "classic");
		long gaining = company("Gaining Reseller", "modern");
		String losingToken = token(losing);
		String gainingToken = token(gaining);
		String suffix = String.valueOf(System.currentTimeMillis() % 100000);
		String losingAdmin = admin(losing, "losing-" + suffix + "@demo.example");
		String gainingAdmin = admin(gaining, "gaining-" + suffix + "@demo.example");
		LocalMode.say("Demo: gaining reseller " + gaining + " allows " + losing + " and sets a notification email ...");
		call("PUT", "/api/v1/companies/" + gaining + "/domain-push", gainingToken,
				"{\"allowed_companies\":[" + losing + "],\"notification_email\":\"noc@gaining.example\"}");
		List<String> pushes = pushThreeDomains(losing, gaining, losingToken);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		for (String push : pushes) {
			report(push, awaitFinished(push, gainingToken, deadline));
		}
		LocalMode.say("Demo: emails received by the SMTP server:");
		for (MimeMessage message : mail.received()) {
			LocalMode.say("  To: " + recipients(message) + " | Subject: " + message.getSubject() + " | Message-ID: "
					+ message.getMessageID());
		}
		LocalMode.say("Demo: sign in to the console at " + api + "/ as either reseller's administrator:");
		LocalMode.say("  losing reseller " + losing + ":  " + losingAdmin);
		LocalMode.say("  gaining reseller " + gaining + ": " + gainingAdmin);
		LocalMode
			.say("Demo done. The system keeps running; try the console, or the API with the operator token above.");
	}

	private long company(String name, String theme) throws IOException, InterruptedException {
		return call("POST", "/api/v1/companies", operatorToken, "{\"name\":\"" + name
				+ "\",\"cluster\":\"a\",\"default_settings\":{\"webmail_theme\":\"" + theme + "\"}}")
			.get("company_id")
			.asLong();
	}

	/** An administrator account of the company; @return "username / password" to print */
	private String admin(long company, String username) throws IOException, InterruptedException {
		String password = newPassword();
		call("POST", "/api/v1/companies/" + company + "/admins", operatorToken,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		return username + " / " + password;
	}

	/**
	 * A password for local mode's accounts: 16 characters from an alphabet without
	 * look-alikes.
	 */
	static String newPassword() {
		String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

	private String token(long company) throws IOException, InterruptedException {
		return call("POST", "/api/v1/companies/" + company + "/tokens", operatorToken, "{\"label\":\"demo\"}")
			.get("token")
			.asString();
	}

	/**
	 * Provisions three domains with users and messages and pushes each; @return the push
	 * ids
	 */
	private List<String> pushThreeDomains(long losing, long gaining, String losingToken)
			throws IOException, InterruptedException {
		List<String> pushes = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			String domain = "demo" + i + "-" + System.currentTimeMillis() % 100000 + ".example";
			call("POST", "/api/v1/companies/" + losing + "/domains", losingToken, """
					{"name":"%s","settings":{"spam_filter":"strict"},"users":[
					 {"mailbox":"alice","messages":[{"folder":"INBOX","subject":"Welcome","size_bytes":2048}]},
					 {"mailbox":"bob"}]}""".formatted(domain));
			JsonNode push = call("POST", "/api/v1/pushes", losingToken,
					"{\"domain\":\"" + domain + "\",\"gaining_company_id\":" + gaining + "}");
			pushes.add(push.get("push_id").asString());
			LocalMode.say("Demo: pushed " + domain + " -> push " + push.get("push_id").asString() + " "
					+ push.get("status").asString());
		}
		return pushes;
	}

	private JsonNode awaitFinished(String push, String token, long deadline) throws IOException, InterruptedException {
		JsonNode status;
		do {
			status = call("GET", "/api/v1/pushes/" + push, token, null);
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("push " + push + " did not finish in 60 s");
			}
			if (isPending(status)) {
				Thread.sleep(100); // polling an HTTP API for a human-facing demo, not a
									// test
			}
		}
		while (isPending(status));
		return status;
	}

	private static void report(String push, JsonNode status) {
		OffsetDateTime submitted = OffsetDateTime.parse(status.get("submitted_at").asString());
		OffsetDateTime completed = OffsetDateTime.parse(status.get("completed_at").asString());
		JsonNode sentAt = status.get("notification").get("sent_at");
		String emailed = sentAt == null || sentAt.isNull() ? "-"
				: Duration.between(submitted, OffsetDateTime.parse(sentAt.asString())).toMillis() + " ms";
		LocalMode.say("Demo: push " + push + " " + status.get("status").asString() + ", " + status.get("users_moved")
				+ " users moved, billing starts " + status.get("billing_starts_on").asString() + ", email "
				+ status.get("notification").get("status").asString() + " (accepted->completed "
				+ Duration.between(submitted, completed).toMillis() + " ms, accepted->email " + emailed + ")");
	}

	private static boolean isPending(JsonNode push) {
		JsonNode notification = push.get("notification");
		return PushStatus.ACCEPTED.name().equals(push.get("status").asString()) || notification == null
				|| notification.isNull()
				|| NotificationStatus.PENDING.name().equals(notification.get("status").asString());
	}

	private static String recipients(MimeMessage message) throws MessagingException {
		return String.join(", ", java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
	}

	private JsonNode call(String method, String path, String token, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

}
