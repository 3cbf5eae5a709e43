package io.domainpush.systemtests;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Administrators join by invitation: the inviter's answer is the same whether or not the
 * address has an account anywhere, the invitee's link works once and lets them choose
 * their own password, a company admin can no longer make an account with a password (only
 * the operator can), and a link revoked, used or wrong shows a page that says so.
 */
class InvitationIntegrationTests extends AgainstRunningSystem {

	private static final Pattern LINK = Pattern.compile("(https?://\\S+/console/invitations/accept\\?token=(\\S+))");

	@Test
	void shouldAnswerAnInvitationAlikeWhetherOrNotTheAddressHasAnAccount() {
		Company company = scenario.company("a");
		Company other = scenario.company("a");
		String taken = "taken-" + other.id() + "@invite.example";
		system.admin(other, taken);
		String free = "free-" + company.id() + "@invite.example";

		ApiClient.Response toTaken = invite(company, taken);
		ApiClient.Response toFree = invite(company, free);

		assertThat(toTaken.status()).isEqualTo(toFree.status()).isEqualTo(202);
		assertThat(toTaken.body().replace(taken, "X")).isEqualTo(toFree.body().replace(free, "X"));
		assertThat(api
			.post("/api/v1/companies/" + company.id() + "/admins", company.token(),
					ApiClient.json(Map.of("username", free, "password", "a-long-and-Rare-passphrase")))
			.code()).as("a company admin chooses nobody's password").isEqualTo("FORBIDDEN");
	}

	@Test
	void shouldLetTheInviteeChooseTheirPasswordOnceAndSignIn() {
		Company company = scenario.company("a");
		String email = "invited-" + company.id() + "@invite.example";
		assertThat(invite(company, email).status()).isEqualTo(202);
		String link = awaitLink(email);
		String token = URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8);
		String path = link.substring(link.indexOf("/console/"));

		ConsoleClient invitee = new ConsoleClient(system.baseUrl);
		ConsoleClient.Page page = invitee.get(path);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(company.name(), email);
		ConsoleClient.Page accepted = invitee.post("/console/invitations/accept", Map.of("token", token, "newPassword",
				"an-invitees-own-Passphrase", "repeatPassword", "an-invitees-own-Passphrase"));
		assertThat(accepted.location()).endsWith("/console/sign-in?invited");
		assertThat(new ConsoleClient(system.baseUrl).signIn(email, "an-invitees-own-Passphrase").location())
			.endsWith("/console/");

		ConsoleClient.Page again = new ConsoleClient(system.baseUrl).get(path);
		assertThat(again.status()).as("the link works once").isEqualTo(404);
		assertThat(again.body()).contains("This invitation link does not work any more");
		assertThat(system.db.sql("select count(*) from invitations where email = :e and sealed_token is not null")
			.param("e", email)
			.query(Long.class)
			.single()).as("the sent link is forgotten").isZero();
	}

	@Test
	void shouldRefuseARevokedInvitationsLink() {
		Company company = scenario.company("a");
		String email = "revoked-" + company.id() + "@invite.example";
		invite(company, email);
		String link = awaitLink(email);
		String invitation = api.get("/api/v1/companies/" + company.id() + "/invitations", company.token())
			.json()
			.get("items")
			.get(0)
			.get("invitation_id")
			.asString();
		assertThat(api.delete("/api/v1/companies/" + company.id() + "/invitations/" + invitation, company.token())
			.status()).isEqualTo(204);
		assertThat(new ConsoleClient(system.baseUrl).get(link.substring(link.indexOf("/console/"))).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/companies/" + company.id() + "/invitations", company.token())
			.json()
			.get("items")
			.get(0)
			.get("state")
			.asString()).isEqualTo("REVOKED");
	}

	private ApiClient.Response invite(Company company, String email) {
		return api.post("/api/v1/companies/" + company.id() + "/invitations", company.token(),
				"{\"email\":\"" + email + "\"}");
	}

	private String awaitLink(String email) {
		return awaitLink(system, email);
	}

	/** The link of the invitation emailed to {@code email}. */
	static String awaitLink(RunningSystem system, String email) {
		MimeMessage message = await().atMost(Duration.ofSeconds(30))
			.until(() -> system.mail.received()
				.stream()
				.filter(m -> Emails.parse(m).to().contains(email))
				.findFirst()
				.orElse(null), java.util.Objects::nonNull);
		Matcher link = LINK.matcher(Emails.parse(message).body());
		assertThat(link.find()).isTrue();
		return link.group(1);
	}

}
