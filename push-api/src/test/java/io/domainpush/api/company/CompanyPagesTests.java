package io.domainpush.api.company;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.push.WaitingProperties;
import io.domainpush.api.web.ApiLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The Company settings page as a web slice: the Domain Push form is bound to a form
 * object, what is wrong stands next to its field with status 422, and nothing reaches the
 * service until the form is valid. The service's own rules are tested where it lives;
 * this proves the page's side of them.
 */
@WebMvcTest(CompanyPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties({ ApiLimits.class, WaitingProperties.class })
class CompanyPagesTests {

	private static final long COMPANY = 1002;

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@gaining.example", COMPANY);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private CompanyService companies;

	@BeforeEach
	void aCompanyThatAllowsOneOther() {
		given(companies.get(any(), anyLong())).willReturn(
				new CompanyView(COMPANY, "Gaining", "a", Map.of(), new CompanyView.DomainPushView(List.of(1001L),
						"noc@gaining.example", false, "per_domain", "automatic", 0), OffsetDateTime.now()));
		given(companies.allowedCompanies(any(), anyLong())).willReturn(List.of());
	}

	@Test
	void shouldShowTheSettingsInTheForm() {
		MvcTestResult page = mvc.get().uri("/console/companies/" + COMPANY).with(signedIn()).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("name=\"allowedCompanies\"", "value=\"1001\"", "value=\"noc@gaining.example\"")
			.doesNotContain("field-error");
	}

	@Test
	void shouldSayNextToTheFieldWhatIsNotACompanyIdAndChangeNothing() {
		MvcTestResult page = post("10x, 1001", "noc@gaining.example");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("id=\"allowed_companies-error\"", "&quot;10x&quot; is not a company ID")
			.contains("aria-describedby=\"allowed_companies-hint allowed_companies-error\"")
			.contains("value=\"10x, 1001\"");
		verify(companies, never()).updateDomainPush(any(), anyLong(), any());
	}

	@Test
	void shouldSayNextToTheAddressWhatIsWrongWithIt() {
		MvcTestResult page = post("1001", "not an address");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("id=\"notification_email-error\"", "one plain address");
		verify(companies, never()).updateDomainPush(any(), anyLong(), any());
	}

	@Test
	void shouldSayTheServicesRefusalNextToTheAllowedCompanies() {
		willThrow(ApiException.unprocessable(ErrorCode.COMPANY_NOT_FOUND, "A company in the list does not exist."))
			.given(companies)
			.updateDomainPush(any(), anyLong(), any());
		MvcTestResult page = post("1001, 9999", "");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("id=\"allowed_companies-error\"", "A company in the list does not exist.");
	}

	@Test
	void shouldUpdateWithWhatTheFormSaysAndGoBackToTheSection() {
		MvcTestResult page = post("1001 1003,1001", " ops@gaining.example ");
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/companies/" + COMPANY + "#domain-push");
		ArgumentCaptor<CompanyRequests.DomainPushSettings> sent = ArgumentCaptor
			.forClass(CompanyRequests.DomainPushSettings.class);
		verify(companies).updateDomainPush(any(), eq(COMPANY), sent.capture());
		assertThat(sent.getValue().allowedCompanies()).containsExactly(1001L, 1003L);
		assertThat(sent.getValue().notificationEmail()).isEqualTo("ops@gaining.example");
		assertThat(sent.getValue().notificationMode()).isEqualTo("per_domain");
	}

	@Test
	void shouldAnswerAnotherCompanysSettingsLikeMissingOnes() {
		willThrow(ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company")).given(companies)
			.updateDomainPush(any(), anyLong(), any());
		MvcTestResult page = post("1001", "");
		assertThat(page).hasStatus(404);
		assertThat(page).bodyText().contains("There is nothing here, or it is not yours to see.");
	}

	private MvcTestResult post(String allowed, String email) {
		return mvc.post()
			.uri("/console/companies/" + COMPANY + "/domain-push")
			.with(signedIn())
			.with(csrf())
			.param("allowedCompanies", allowed)
			.param("notificationEmail", email)
			.param("notificationMode", "per_domain")
			.exchange();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
