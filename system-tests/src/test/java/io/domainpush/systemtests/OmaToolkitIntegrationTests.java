package io.domainpush.systemtests;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The article's flow driven by OpenSRS's own PHP toolkit, unchanged (its files are in
 * {@code src/test/resources/osrs-toolkit-php}), through PHP, with session tokens: what an
 * integration built on the toolkit sends is what this system must accept. Needs
 * {@code php} with its curl extension ({@code apt-get install php-cli php-curl};
 * {@code .ci/run} installs them).
 */
class OmaToolkitIntegrationTests extends AgainstRunningSystem {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The user of what the worker did (completing the push). */
	private static final String WORKER = "domain-push";

	@Test
	void shouldServeTheArticlesFlowAsTheOfficialToolkitSendsIt() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		String losingAdmin = "kit-l-" + losing.id() + "@toolkit.example";
		String gainingAdmin = "kit-g-" + gaining.id() + "@toolkit.example";
		Toolkit asGaining = signedIn(gainingAdmin, system.admin(gaining, gainingAdmin));
		Toolkit asLosing = signedIn(losingAdmin, system.admin(losing, losingAdmin));

		// step 2: the gaining reseller allows the losing one and sets its address
		succeeds(asGaining.call("ChangeCompany",
				Map.of("company", String.valueOf(gaining.id()), "attributes",
						Map.of("domain_push_allowed", List.of(String.valueOf(losing.id())), "domain_push_notify",
								"noc-" + gaining.id() + "@toolkit.example"))));
		JsonNode company = succeeds(asGaining.call("GetCompany", Map.of("company", String.valueOf(gaining.id()))));
		assertThat(company.at("/attributes/domain_push_allowed/0").asLong()).isEqualTo(losing.id());

		// step 3: the losing reseller finds its domain and pushes it
		String domain = scenario.domain(losing, 2, null);
		JsonNode found = succeeds(asLosing.call("SearchDomains",
				Map.of("criteria", Map.of("company", String.valueOf(losing.id()), "match", domain))));
		assertThat(found.at("/domains/0/domain").asString()).isEqualTo(domain);
		assertThat(succeeds(asLosing.call("GetDomain", Map.of("domain", domain))).at("/attributes/company_id").asLong())
			.isEqualTo(losing.id());
		JsonNode pushed = succeeds(
				asLosing.call("push_domain", Map.of("domain", domain, "new_company", String.valueOf(gaining.id()))));
		assertThat(pushed.get("status").asString()).isEqualTo("COMPLETED");

		// what happened, as each side reads it
		JsonNode history = succeeds(asGaining.call("GetDomainChanges",
				Map.of("domain", domain, "range", Map.of("first", "0", "limit", "10"))));
		assertThat(history.get("total_count").asLong()).isEqualTo(2);
		assertThat(history.at("/changes/0/msg").asString()).startsWith(domain + " pushed from company " + losing.id());
		JsonNode gainingChanges = succeeds(
				asGaining.call("GetCompanyChanges", Map.of("company", String.valueOf(gaining.id()))));
		assertThat(gainingChanges.get("changes").valueStream().map(c -> c.get("msg").asString()))
			.anyMatch(m -> m.startsWith(domain + " pushed"))
			.anyMatch(m -> m.startsWith("Domain push settings changed"));
		JsonNode losingChanges = succeeds(
				asLosing.call("GetCompanyChanges", Map.of("company", String.valueOf(losing.id()))));
		assertThat(losingChanges.get("changes").valueStream().map(c -> c.get("user").asString())).contains(losingAdmin,
				ChangeHistoryUser.SYSTEM);
	}

	/** Who did it, for what the worker did. */
	private static final class ChangeHistoryUser {

		static final String SYSTEM = "domain-push";

	}

	/**
	 * Signs in with the toolkit's Authenticate and keeps the session token it answers.
	 */
	private static Toolkit signedIn(String user, String password) throws Exception {
		JsonNode answer = succeeds(new Toolkit(user, password, null).call("Authenticate",
				Map.of("generate_session_token", true, "session_token_duration", 600)));
		return new Toolkit(user, "", answer.get("session_token").asString());
	}

	private static JsonNode succeeds(JsonNode answer) {
		assertThat(answer.get("success").asBoolean()).as(answer.toString()).isTrue();
		return answer;
	}

	/** One PHP process per call, as a PHP integration makes it. */
	private record Toolkit(String user, String password, String token) {

		JsonNode call(String what, Map<String, Object> request) throws IOException, InterruptedException {
			Map<String, Object> sent = new LinkedHashMap<>(request);
			if (token != null) {
				sent.put("token", token);
			}
			Process php = new ProcessBuilder("php", script().toString(), system.baseUrl, user, password, what,
					ApiClient.json(sent))
				.redirectErrorStream(true)
				.start();
			String output = new String(php.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(php.waitFor(60, TimeUnit.SECONDS)).as("php finished").isTrue();
			assertThat(php.exitValue()).as(output).isZero();
			return JSON.readTree(output);
		}

		private static Path script() {
			try {
				return Path.of(OmaToolkitIntegrationTests.class.getResource("/osrs-toolkit-php/oma-call.php").toURI());
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
