package io.domainpush.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.Scenario.Company;
import io.domainpush.core.webhook.WebhookEventType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages in a real browser: every refusal of a push in words, cancelling, a
 * bulk push followed to its end, a frozen brand, the pop-up with the keyboard alone, and
 * an axe-core scan and a screenshot of every page.
 */
class ConsolePagesIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldSayInWordsWhyADomainCannotBePushed() {
		Company losing = scenario.company("a");
		Company notAllowing = scenario.company("a");
		Company elsewhere = scenario.company("b");
		Company allowing = scenario.company("a");
		scenario.allow(elsewhere, null, losing);
		scenario.allow(allowing, null, losing);
		String admin = "refusals-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		String domain = scenario.domain(losing, 1, null);
		String queued = scenario.domain(losing, 1, null);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password);
			assertThat(refusal(browser, domain, notAllowing)).isEqualTo("PUSH_NOT_ALLOWED");
			assertThat(browser.text()).contains("has not allowed yours to push domains to it");
			assertThat(refusal(browser, domain, elsewhere)).isEqualTo("CLUSTER_MISMATCH");
			assertThat(browser.text()).contains("is on another email cluster");
			assertThat(refusal(browser, domain, losing)).isEqualTo("SAME_COMPANY");
			assertThat(browser.text()).contains("already belongs to this company");
			system.pauseWorker();
			try {
				scenario.push(losing, queued, allowing);
				assertThat(refusal(browser, queued, allowing)).isEqualTo("PUSH_IN_PROGRESS");
				assertThat(browser.text()).contains("already has a push under way");
				browser.screenshot("push-refused-in-progress").assertAccessible();
			}
			finally {
				system.resumeWorker();
			}
		}
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).json().get("company_id").asLong())
			.isEqualTo(losing.id());
	}

	@Test
	void shouldCancelAQueuedPushAfterConfirming() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String admin = "cancel-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		String domain = scenario.domain(losing, 1, null);
		system.pauseWorker();
		try (Browser browser = new Browser(system.baseUrl)) {
			String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
			browser.signIn(admin, password).open("/console/pushes/" + pushId);
			browser.button("Cancel push").click();
			browser.awaitDialog("cancel-push");
			browser.screenshot("push-cancel-confirmation").assertAccessible();
			browser.driver.findElement(By.cssSelector("#cancel-push button[type=submit]")).click();
			browser.awaitText("was cancelled").awaitText("Cancelled");
			browser.link("Pushes").click();
			browser.field("Status").sendKeys("Cancelled");
			browser.button("Filter").click();
			browser.awaitText(domain);
			browser.screenshot("pushes-outgoing").assertAccessible();
		}
		finally {
			system.resumeWorker();
		}
		assertThat(
				api.get("/api/v1/pushes/" + domainPush(losing, domain), losing.token()).json().get("status").asString())
			.isEqualTo("CANCELLED");
	}

	@Test
	void shouldPageThePushesByCursorForwardAndBack() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String admin = "pager-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		List<String> domains = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			String domain = scenario.domain(losing, 1, null);
			scenario.push(losing, domain, gaining);
			domains.add(domain);
		}
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password).open("/console/pushes");
			browser.awaitText(domains.get(50));
			assertThat(browser.text()).doesNotContain(domains.get(0));
			browser.link("Next").click();
			browser.awaitText(domains.get(0));
			assertThat(browser.driver.getCurrentUrl()).contains("after=");
			assertThat(browser.text()).as("the oldest push alone on the second page").doesNotContain(domains.get(1));
			browser.screenshot("pushes-second-page").assertAccessible();
			browser.link("Previous").click();
			browser.awaitText(domains.get(1));
			assertThat(browser.text()).contains(domains.get(50)).doesNotContain(domains.get(0));
		}
	}

	@Test
	void shouldLetTheLosingSideAskToBeToldOfDomainsPushedOut() {
		Company company = scenario.company("a");
		String admin = "notice-" + company.id() + "@console.example";
		String password = system.admin(company, admin);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password);
			WebElement box = browser.field("Also tell us when one of our domains is pushed out");
			assertThat(box.isSelected()).isFalse();
			browser.field("Notification Email").sendKeys("noc-" + company.id() + "@console.example");
			box.click();
			browser.button("Update").click();
			browser.awaitText("Domain Push settings updated.");
			assertThat(browser.field("Also tell us when one of our domains is pushed out").isSelected()).isTrue();
			browser.screenshot("company-settings-notice").assertAccessible();
		}
		JsonNode settings = api.get("/api/v1/companies/" + company.id() + "/domain-push", company.token()).json();
		assertThat(settings.get("notify_when_pushed_out").asBoolean()).isTrue();
		assertThat(settings.get("notification_email").asString()).isEqualTo("noc-" + company.id() + "@console.example");
	}

	/**
	 * A company admin registers an endpoint, copies its secret (shown once), sends a
	 * test, follows its delivery, and chooses digests for bulk migrations.
	 */
	@Test
	void shouldRegisterAWebhookAndFollowItsDeliveries() throws Exception {
		Company company = scenario.company("a");
		String admin = "hooks-" + company.id() + "@console.example";
		String password = system.admin(company, admin);
		try (WebhookReceiver receiver = new WebhookReceiver(); Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password);
			browser.link("Webhooks").click();
			browser.awaitText("No webhook yet.");
			browser.screenshot("webhooks-empty").assertAccessible();
			browser.field("Endpoint URL").sendKeys("ftp://hooks.example/x");
			browser.button("Register webhook").click();
			browser.awaitText("url must start with https:// or http://");
			// said next to the field it is about, and the field tells assistive
			// technology
			assertThat(browser.driver.findElement(By.id("url-error")).getText())
				.contains("url must start with https:// or http://");
			assertThat(browser.field("Endpoint URL").getAttribute("aria-describedby")).contains("url-error");
			assertThat(browser.field("Endpoint URL").getAttribute("value")).isEqualTo("ftp://hooks.example/x");
			browser.screenshot("webhooks-refused").assertAccessible();
			WebElement url = browser.field("Endpoint URL");
			url.clear();
			url.sendKeys(receiver.url("/console"));
			// every type is checked at first: keep two
			WebhookEventType.subscribable()
				.stream()
				.filter(type -> !List.of("push.completed", "batch.finished").contains(type))
				.forEach(type -> browser.field(type).click());
			browser.button("Register webhook").click();
			browser.awaitText("Webhook registered.");
			String secret = browser.driver.findElement(By.id("webhook-secret")).getText();
			assertThat(secret).startsWith("whsec_");
			browser.screenshot("webhooks-secret-shown-once").assertAccessible();
			assertThat(browser.driver.findElement(By.cssSelector("tr[data-webhook]")).getText())
				.contains("push.completed, batch.finished", "Enabled")
				.doesNotContain("push.rejected");
			browser.button("Send a test").click();
			browser.awaitText("Test delivery queued");
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(30))
				.until(() -> receiver.at("/console").size() == 1);
			WebhookReceiver.Received ping = receiver.at("/console").get(0);
			assertThat(
					StandardWebhooksVerifier.verify(secret, ping.id(), ping.timestamp(), ping.body(), ping.signature()))
				.isTrue();
			browser.open("/console/webhooks");
			assertThat(browser.text()).doesNotContain(secret);
			browser.link(receiver.url("/console")).click();
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
				browser.open(browser.path());
				return browser.text().contains("DELIVERED");
			});
			assertThat(browser.text()).contains("webhook.ping", ping.id());
			browser.screenshot("webhook-deliveries").assertAccessible();

			browser.link("Company settings").click();
			browser.field("One digest per bulk migration").click();
			browser.button("Update").click();
			browser.awaitText("Domain Push settings updated.");
			assertThat(browser.field("One digest per bulk migration").isSelected()).isTrue();
			browser.screenshot("company-settings-digest").assertAccessible();
		}
		assertThat(api.get("/api/v1/companies/" + company.id() + "/domain-push", company.token())
			.json()
			.get("notification_mode")
			.asString()).isEqualTo("batch_digest");
		assertThat(api.get("/api/v1/companies/" + company.id() + "/webhooks", company.token())
			.json()
			.get("items")
			.get(0)
			.get("events")).hasSize(2);
	}

	@Test
	void shouldFollowABulkPushToItsEndAndOfferItsResults() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String admin = "bulk-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 0, null),
				scenario.domain(losing, 2, null));
		String listed = String.join("\n", domains) + "\nnowhere-" + losing.id() + ".example\n" + domains.get(0);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password).link("Bulk push").click();
			browser.screenshot("bulk-push-form").assertAccessible();
			// a company ID that is not one: said next to the field, what was pasted kept
			browser.field("Gaining company ID").sendKeys("company " + gaining.id());
			browser.field("Domains").sendKeys(listed);
			browser.button("Push domains").click();
			browser.awaitText("a number such as 1001");
			assertThat(browser.field("Gaining company ID").getAttribute("aria-describedby"))
				.isEqualTo("gaining_company_id-error");
			assertThat(browser.field("Domains").getAttribute("value")).isEqualTo(listed);
			browser.screenshot("bulk-push-wrong-company").assertAccessible();
			browser.field("Gaining company ID").clear();
			browser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()));
			browser.button("Push domains").click();
			browser.awaitText("Finished");
			assertThat(browser.driver.findElement(By.cssSelector("dd.completed")).getText()).isEqualTo("3");
			assertThat(browser.driver.findElement(By.cssSelector("dd.rejected")).getText()).isEqualTo("2");
			assertThat(browser.text()).contains("There is no such domain in your company.",
					"The domain appears earlier in the list.");
			String results = browser.link("Download results (CSV)").getAttribute("href");
			browser.screenshot("bulk-push-finished").assertAccessible();
			ConsoleClient client = new ConsoleClient(system.baseUrl);
			client.signIn(admin, password);
			ConsoleClient.Page csv = client.get(results.substring(system.baseUrl.length()));
			assertThat(csv.status()).isEqualTo(200);
			assertThat(csv.body().lines()).hasSize(6)
				.startsWith("domain,outcome,reason,users_moved,messages_moved,bytes_moved,settings_changed")
				.contains(domains.get(1) + ",COMPLETED,,0,0,0,", domains.get(2) + ",COMPLETED,,2,4,700,",
						"nowhere-" + losing.id() + ".example,REFUSED,DOMAIN_NOT_FOUND,,,,",
						domains.get(0) + ",REFUSED,DUPLICATE_IN_BATCH,,,,");
		}
	}

	@Test
	void shouldShowAFrozenBrandAsUnlabelledAndNotEditable() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		long brand = scenario.brand(losing, "Sunrise", Map.of());
		String domain = scenario.domain(losing, 1, "\"brand_id\":" + brand);
		String pushId = scenario.push(losing, domain, gaining).get("push_id").asString();
		system.awaitStatus(losing, pushId, "COMPLETED");
		String admin = "brands-" + gaining.id() + "@console.example";
		String password = system.admin(gaining, admin);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password).link("Brands").click();
			WebElement frozen = browser.driver.findElement(By.cssSelector("tr[data-brand]"));
			assertThat(frozen.getText()).contains("Unlabelled (came with a pushed domain)", "No", "Not editable");
			assertThat(frozen.findElements(By.tagName("form"))).isEmpty();
			browser.field("Brand name").sendKeys("Gaining brand");
			browser.button("Create brand").click();
			browser.awaitText("Brand Gaining brand created.");
			browser.screenshot("brands").assertAccessible();
			browser.open("/console/domains/" + domain);
			assertThat(browser.text()).contains("This brand came with a push: it is unlabelled and cannot be edited.");
			browser.field("Brand of this domain").sendKeys("Gaining brand");
			browser.button("Assign brand").click();
			browser.awaitText("Brand Gaining brand is assigned to " + domain + ".");
		}
		ConsoleClient client = new ConsoleClient(system.baseUrl);
		client.signIn(admin, password);
		client.get("/console/brands");
		long frozenId = system.db.sql("select brand_id from brands where company_id = :c and name is null")
			.param("c", gaining.id())
			.query(Long.class)
			.single();
		client.post("/console/brands/" + frozenId, Map.of("name", "Renamed"));
		assertThat(client.get("/console/brands").body()).contains("cannot be edited");
		assertThat(system.db.sql("select name is null from brands where brand_id = :b")
			.param("b", frozenId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	/**
	 * The pop-up shows, before the push, which settings change for the domain's users: an
	 * unbranded domain takes the gaining company's defaults where it sets nothing itself;
	 * a branded one keeps every setting. The domain page shows its settings as a table
	 * with where each comes from.
	 */
	@Test
	void shouldPreviewWhatAPushChangesForAnUnbrandedAndABrandedDomain() {
		Company losing = scenario.company("a", Map.of("webmail_theme", "classic", "spam_filter", "normal"));
		Company gaining = scenario.company("a", Map.of("webmail_theme", "modern", "language", "fr"));
		scenario.allow(gaining, null, losing);
		String unbranded = scenario.domain(losing, 2, "\"settings\":{\"spam_filter\":\"strict\"}");
		long brand = scenario.brand(losing, "Sunrise", Map.of("webmail_theme", "sunrise"));
		String branded = scenario.domain(losing, 1, "\"brand_id\":" + brand);
		String admin = "preview-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password).open("/console/domains/" + unbranded);
			assertThat(settingRow(browser, "spam_filter")).isEqualTo("Spam filter strict This domain");
			assertThat(settingRow(browser, "webmail_theme")).isEqualTo("Webmail theme classic Company defaults");
			browser.screenshot("domain-effective-settings").assertAccessible();

			browser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()), Keys.ENTER);
			browser.awaitDialog("confirm-push");
			assertThat(previewRow(browser, "webmail_theme")).isEqualTo("Webmail theme classic modern");
			assertThat(previewRow(browser, "language")).isEqualTo("Language not set fr");
			assertThat(browser.driver.findElements(By.cssSelector("#confirm-push tr[data-setting='spam_filter']")))
				.isEmpty();
			assertThat(browser.driver.findElement(By.id("confirm-push")).getText()).contains("4 messages");
			browser.screenshot("push-preview-unbranded").assertAccessible();
			browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);

			browser.open("/console/domains/" + branded);
			assertThat(settingRow(browser, "webmail_theme")).isEqualTo("Webmail theme sunrise Brand Sunrise");
			browser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()), Keys.ENTER);
			browser.awaitDialog("confirm-push");
			assertThat(browser.driver.findElement(By.id("confirm-push")).getText())
				.contains("No setting changes for its users");
			browser.screenshot("push-preview-branded").assertAccessible();
			browser.button("Push").click();
			browser.awaitText("What moved");
			assertThat(browser.text()).contains("Copied to the gaining company, unlabelled and not editable",
					"No setting changed for its users.");
			browser.screenshot("push-report").assertAccessible();
		}
		assertThat(api.get("/api/v1/pushes?domain=" + unbranded, losing.token()).json().get("items")).isEmpty();
	}

	private static String settingRow(Browser browser, String key) {
		return browser.driver.findElement(By.cssSelector("section tr[data-setting='" + key + "']")).getText();
	}

	private static String previewRow(Browser browser, String key) {
		return browser.driver.findElement(By.cssSelector("#confirm-push tr[data-setting='" + key + "']")).getText();
	}

	@Test
	void shouldOpenConfirmAndCancelThePushPopUpWithTheKeyboardAlone() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String admin = "keyboard-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		String domain = scenario.domain(losing, 3, null);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password).open("/console/domains/" + domain);
			WebElement gainingId = browser.field("Gaining company ID");
			gainingId.sendKeys(String.valueOf(gaining.id()), Keys.ENTER);
			browser.awaitDialog("confirm-push");
			assertThat(focusedInside(browser, "confirm-push")).isTrue();
			browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
			org.awaitility.Awaitility.await()
				.until(() -> !browser.driver.findElement(By.id("confirm-push")).isDisplayed());
			assertThat(api.get("/api/v1/pushes?domain=" + domain, losing.token()).json().get("items")).isEmpty();
			browser.field("Gaining company ID").sendKeys(Keys.ENTER);
			browser.awaitDialog("confirm-push");
			WebElement focused = browser.driver.switchTo().activeElement();
			assertThat(focused.getText()).isEqualTo("Push");
			focused.sendKeys(Keys.ENTER);
			browser.awaitText("Completed");
		}
		assertThat(api.get("/api/v1/domains/" + domain, gaining.token()).status()).isEqualTo(200);
	}

	@Test
	void shouldSayWhySignInFailedAndHowLongToWait() {
		Company company = scenario.company("a");
		String username = "errors-" + company.id() + "@pages.example";
		String password = system.admin(company, username);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.open("/console/sign-in");
			browser.field("Username").sendKeys(username);
			browser.field("Password").sendKeys("not-the-password-at-all");
			browser.button("Sign in").click();
			browser.awaitText("Wrong username or password.").screenshot("sign-in-wrong-password").assertAccessible();
			browser.open("/console/sign-in");
			browser.field("Username").sendKeys(username);
			// a guesser elsewhere raises the delay to its maximum (2 s here) by waiting
			// out
			// each delay, so the owner's next attempt surely comes within one
			for (int i = 0; i < 12; i++) {
				String guess = "another-wrong-password-" + i;
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> new ConsoleClient(system.baseUrl).signIn(username, guess).location(),
							location -> location.endsWith("?error"));
			}
			browser.field("Password").sendKeys(password);
			browser.button("Sign in").click();
			browser.awaitText("Too many attempts: try again in").screenshot("sign-in-throttled").assertAccessible();
		}
	}

	@Test
	void shouldInviteAnAdministratorWhoChoosesTheirOwnPassword() {
		Company company = scenario.company("a");
		String username = "inviter-" + company.id() + "@pages.example";
		String password = system.admin(company, username);
		String invitee = "invitee-" + company.id() + "@pages.example";
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(username, password).open("/console/companies/" + company.id() + "/admins");
			browser.field("Email address").sendKeys(invitee);
			browser.button("Send invitation").click();
			browser.awaitText("Invitation sent to " + invitee).screenshot("admins-invitation-sent").assertAccessible();
		}
		String link = InvitationIntegrationTests.awaitLink(system, invitee);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.open(link.substring(link.indexOf("/console/")));
			browser.awaitText("You are invited to administer").screenshot("invitation-accept").assertAccessible();
			browser.field("Password").sendKeys("an-invitees-own-Passphrase");
			browser.field("Password again").sendKeys("an-invitees-own-Passphrase");
			browser.button("Accept the invitation").click();
			browser.awaitText("Your account is ready").screenshot("invitation-accepted").assertAccessible();
			browser.open(link.substring(link.indexOf("/console/")));
			browser.awaitText("This invitation link does not work any more")
				.screenshot("invitation-used")
				.assertAccessible();
		}
	}

	@Test
	void shouldPassAxeOnEveryPageAndLookRightOnALaptopAndAPhone() {
		Company company = scenario.company("a");
		Company partner = scenario.company("a");
		scenario.allow(partner, null, company);
		String domain = scenario.domain(company, 2, null);
		String pushId = scenario.push(company, domain, partner).get("push_id").asString();
		system.awaitStatus(company, pushId, "COMPLETED");
		scenario.domain(company, 1, null);
		String admin = "pages-" + company.id() + "@console.example";
		String password = system.admin(company, admin);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.open("/console/sign-in").screenshot("sign-in").assertAccessible();
			browser.signIn(RunningSystem.OPERATOR_USERNAME, RunningSystem.OPERATOR_PASSWORD);
			assertThat(browser.path()).isEqualTo("/console/companies");
			Map<String, String> operatorPages = Map.of("companies", "/console/companies", "company-settings",
					"/console/companies/" + company.id(), "administrators",
					"/console/companies/" + company.id() + "/admins", "domains-of-a-company",
					"/console/domains?company=" + partner.id(), "domain", "/console/domains/" + domain, "push",
					"/console/pushes/" + pushId, "audit-operator", "/console/audit", "password",
					"/console/account/password", "not-found", "/console/no-such-page");
			operatorPages.forEach((name, path) -> browser.open(path).screenshot(name).assertAccessible());
			browser.open("/console/operations").awaitText("push-worker");
			assertThat(browser.text()).contains("Consumer groups", "Dead letters", "Queued work", "notifier");
			// the chart is fed every 2 s: three points make a line worth looking at
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(20))
				.until(() -> Integer.parseInt(java.util.Objects.requireNonNullElse(
						browser.driver.findElement(By.id("lag-chart")).getAttribute("data-points"), "0")) >= 3);
			assertThat(browser.driver.findElements(By.cssSelector("#lag-chart canvas"))).isNotEmpty();
			browser.screenshot("operations").assertAccessible();
		}
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password);
			for (String page : List.of("Domains", "Pushes", "Audit")) {
				browser.link(page).click();
				browser.screenshot("admin-" + page.toLowerCase()).assertAccessible();
			}
		}
		try (Browser phone = new Browser(system.baseUrl, new Dimension(390, 844))) {
			phone.signIn(admin, password).screenshot("phone-company-settings").assertAccessible();
			phone.open("/console/domains").screenshot("phone-domains");
		}
	}

	/** Asks for the push confirmation; @return the code of the refusal shown */
	private static String refusal(Browser browser, String domain, Company gaining) {
		browser.open("/console/domains/" + domain);
		browser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()));
		browser.button("Push Domain").click();
		WebElement problem = org.awaitility.Awaitility.await()
			.until(() -> browser.driver.findElements(By.cssSelector("#push-answer [data-code]")),
					found -> !found.isEmpty())
			.get(0);
		assertThat(browser.driver.findElements(By.id("confirm-push"))).isEmpty();
		return problem.getAttribute("data-code");
	}

	private static boolean focusedInside(Browser browser, String dialogId) {
		return (Boolean) browser.driver
			.executeScript("return document.getElementById(arguments[0]).contains(document.activeElement)", dialogId);
	}

	private static String domainPush(Company losing, String domain) {
		return api.get("/api/v1/pushes?domain=" + domain, losing.token())
			.json()
			.get("items")
			.get(0)
			.get("push_id")
			.asString();
	}

}
