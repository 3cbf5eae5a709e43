package io.domainpush.systemtests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When and whether a push happens, in the console, in Chromium: the gaining admin chooses
 * to approve each push and a hold, the losing admin pushes and sees it wait, the gaining
 * admin approves it from the Incoming page; a push planned for the next billing cycle
 * waits and is withdrawn. Each page is scanned by axe-core and photographed.
 */
class ConsoleDecisionsIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldLetTheGainingAdminApproveFromIncomingWhatTheLosingAdminPushed() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		String losingAdmin = "decide-losing-" + losing.id() + "@console.example";
		String losingPassword = system.admin(losing, losingAdmin);
		String gainingAdmin = "decide-gaining-" + gaining.id() + "@console.example";
		String gainingPassword = system.admin(gaining, gainingAdmin);
		String domain = scenario.domain(losing, 2, null);
		try (Browser gainingBrowser = new Browser(system.baseUrl);
				Browser losingBrowser = new Browser(system.baseUrl)) {
			gainingBrowser.signIn(gainingAdmin, gainingPassword);
			gainingBrowser.field("Allowed companies").sendKeys(String.valueOf(losing.id()));
			gainingBrowser.field("Approve each push").click();
			gainingBrowser.field("Hold after a push (days)").clear();
			gainingBrowser.field("Hold after a push (days)").sendKeys("3");
			gainingBrowser.button("Update").click();
			gainingBrowser.awaitText("Domain Push settings updated.");
			assertThat(gainingBrowser.field("Approve each push").isSelected()).isTrue();
			scrollTo(gainingBrowser, gainingBrowser.field("Approve each push"));
			gainingBrowser.screenshot("company-settings-approval").assertAccessible();

			losingBrowser.signIn(losingAdmin, losingPassword).open("/console/domains/" + domain);
			losingBrowser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()));
			losingBrowser.button("Push Domain").click();
			WebElement dialog = losingBrowser.awaitDialog("confirm-push");
			assertThat(dialog.getText()).contains("It happens now.", "approves each push");
			losingBrowser.screenshot("push-confirm-approval").assertAccessible();
			losingBrowser.button("Push").click();
			losingBrowser.awaitText("Awaiting approval").awaitText("Answer by");
			String pushId = losingBrowser.path().substring("/console/pushes/".length());
			assertThat(losingBrowser.driver.findElements(By.xpath("//button[normalize-space()='Approve']")))
				.as("the losing side cannot approve")
				.isEmpty();
			losingBrowser.screenshot("push-awaiting-approval").assertAccessible();

			gainingBrowser.link("Incoming").click();
			gainingBrowser.awaitText(domain);
			gainingBrowser.screenshot("incoming").assertAccessible();
			gainingBrowser.driver.findElement(By.cssSelector("tr[data-push='" + pushId + "'] button.primary")).click();
			gainingBrowser.awaitText("was approved").awaitText("No push is waiting for your approval.");
			JsonNode push = system.awaitStatus(gaining, pushId, "COMPLETED");
			assertThat(push.get("decided_at").isNull()).isFalse();
			losingBrowser.open("/console/pushes/" + pushId).awaitText("Completed").awaitText("Approved");
			losingBrowser.screenshot("push-approved-completed").assertAccessible();
		}
	}

	@Test
	void shouldPlanAPushForTheNextBillingCycleAndLetItBeWithdrawn() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String admin = "plan-" + losing.id() + "@console.example";
		String password = system.admin(losing, admin);
		String domain = scenario.domain(losing, 1, null);
		try (Browser browser = new Browser(system.baseUrl)) {
			browser.signIn(admin, password).open("/console/domains/" + domain);
			browser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()));
			browser.field("At a date and time").click();
			browser.button("Push Domain").click();
			browser.awaitText("Give the date and time (UTC) the push should happen at.");
			assertThat(browser.driver.findElements(By.id("confirm-push"))).isEmpty();
			scrollTo(browser, browser.driver.findElement(By.id("push-answer")));
			browser.screenshot("push-when-missing").assertAccessible();

			browser.field("At the start of the next billing cycle").click();
			browser.button("Push Domain").click();
			WebElement dialog = browser.awaitDialog("confirm-push");
			assertThat(dialog.getText()).contains("It happens at the start of the next billing cycle.");
			browser.button("Push").click();
			browser.awaitText("Scheduled").awaitText("Planned for");
			LocalDate cycle = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.firstDayOfNextMonth());
			assertThat(browser.text()).contains(cycle.toString());
			browser.screenshot("push-scheduled").assertAccessible();
			String pushId = browser.path().substring("/console/pushes/".length());
			assertThat(Instant
				.parse(api.get("/api/v1/pushes/" + pushId, losing.token()).json().get("not_before").asString()))
				.isEqualTo(cycle.atStartOfDay(ZoneOffset.UTC).toInstant());

			browser.button("Withdraw push").click();
			browser.awaitDialog("cancel-push");
			browser.driver.findElement(By.cssSelector("#cancel-push button[type=submit]")).click();
			browser.awaitText("was cancelled").awaitText("Cancelled");
		}
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).status()).as("still the losing company's")
			.isEqualTo(200);
	}

	private static void scrollTo(Browser browser, WebElement element) {
		browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
	}

}
