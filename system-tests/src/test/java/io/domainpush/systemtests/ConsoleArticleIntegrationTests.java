package io.domainpush.systemtests;

import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help article's three steps, done as it tells people to, by two administrators in
 * two browsers: the losing admin finds the company_id in Company settings, the gaining
 * admin lists it in Allowed companies with a Notification Email and clicks Update, the
 * losing admin opens the domain, clicks Push Domain and Push in the confirmation pop-up,
 * and the domain appears in the gaining reseller's list. Then the API confirms what
 * happened: owner changed, users and messages untouched, exactly one email.
 */
class ConsoleArticleIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldPushADomainByTheArticlesThreeStepsInTheConsole() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		String losingAdmin = "losing-" + losing.id() + "@article.example";
		String gainingAdmin = "gaining-" + gaining.id() + "@article.example";
		String losingPassword = system.admin(losing, losingAdmin);
		String gainingPassword = system.admin(gaining, gainingAdmin);
		String domain = scenario.domain(losing, 2, null);
		DomainFingerprint before = DomainFingerprint.of(system.db, domain);
		String notify = "noc-" + gaining.id() + "@article.example";
		String pushId;
		try (Browser losingBrowser = new Browser(system.baseUrl);
				Browser gainingBrowser = new Browser(system.baseUrl)) {
			// Step 1: the losing reseller notes its company_id at the bottom of Company
			// settings
			losingBrowser.signIn(losingAdmin, losingPassword);
			assertThat(losingBrowser.path()).isEqualTo("/console/companies/" + losing.id());
			WebElement section = losingBrowser.driver.findElement(By.id("domain-push"));
			assertThat(section.findElement(By.tagName("h2")).getText()).isEqualTo("Domain Push");
			String companyId = losingBrowser.driver.findElement(By.id("company-id")).getText();
			assertThat(companyId).isEqualTo(String.valueOf(losing.id()));
			losingBrowser.screenshot("article-1-losing-company-settings").assertAccessible();

			// Step 2: the gaining reseller adds it to Allowed companies, with a
			// Notification Email
			gainingBrowser.signIn(gainingAdmin, gainingPassword);
			gainingBrowser.field("Allowed companies").sendKeys(companyId);
			gainingBrowser.field("Notification Email").sendKeys(notify);
			gainingBrowser.button("Update").click();
			gainingBrowser.awaitText("Domain Push settings updated.");
			// a company's name is shown only to companies it has pushed with
			assertThat(gainingBrowser.text()).containsPattern("(?m)^Company " + losing.id() + "$")
				.doesNotContainPattern("(?m)^" + java.util.regex.Pattern.quote(losing.name()) + "\\b");
			gainingBrowser.screenshot("article-2-gaining-allowed-companies").assertAccessible();

			// Step 3: the losing reseller pushes the domain and confirms in the pop-up
			losingBrowser.link("Domains").click();
			losingBrowser.link(domain).click();
			losingBrowser.field("Gaining company ID").sendKeys(String.valueOf(gaining.id()));
			losingBrowser.button("Push Domain").click();
			WebElement dialog = losingBrowser.awaitDialog("confirm-push");
			assertThat(dialog.getText()).contains(domain, "2 users", gaining.name(), String.valueOf(gaining.id()),
					"reverts to the gaining reseller's default company settings");
			losingBrowser.screenshot("article-3-confirmation-pop-up").assertAccessible();
			losingBrowser.button("Push").click();
			losingBrowser.awaitText("Completed").awaitText("Notification: Sent");
			pushId = losingBrowser.path().substring("/console/pushes/".length());
			losingBrowser.screenshot("article-3-push-completed").assertAccessible();

			// the gaining reseller sees the domain in its list of domains
			gainingBrowser.link("Domains").click();
			assertThat(gainingBrowser.text()).contains(domain);
			gainingBrowser.screenshot("article-4-gaining-domains").assertAccessible();
		}
		assertThat(api.get("/api/v1/domains/" + domain, gaining.token()).json().get("company_id").asLong())
			.isEqualTo(gaining.id());
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).status()).isEqualTo(404);
		assertThat(DomainFingerprint.of(system.db, domain)).isEqualTo(before);
		var emails = Emails.withMessageId(system.mail, "<" + pushId + "@domain-push>");
		assertThat(emails).hasSize(1);
		assertThat(Emails.parse(emails.get(0)).to()).containsExactly(notify);
	}

}
