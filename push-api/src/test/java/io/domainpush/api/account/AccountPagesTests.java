package io.domainpush.api.account;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The change-password and invitation forms as a web slice: what is wrong stands next to
 * its field (or above the form for a refusal about the whole), with 422; a password is
 * never echoed back into the page; nothing reaches the service while the form is wrong.
 */
@WebMvcTest(AccountPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class AccountPagesTests {

	private static final long COMPANY = 1001;

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@losing.example", COMPANY);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private AccountService accounts;

	@MockitoBean
	private InvitationService invitations;

	@BeforeEach
	void emptyLists() {
		given(accounts.admins(any(), anyLong(), any())).willReturn(new Page<>(List.of(), 0, 50, false));
		given(invitations.list(any(), anyLong(), any())).willReturn(new Page<>(List.of(), 0, 50, false));
		given(invitations.lifetime()).willReturn(Duration.ofDays(7));
	}

	@Test
	void shouldSayNextToTheRepetitionThatItDiffersAndChangeNothing() {
		MvcTestResult page = password("the-current-Passphrase", "a-new-long-Passphrase", "another-long-Passphrase");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("id=\"repeat_password-error\"", "The password and its repetition differ.")
			.doesNotContain("a-new-long-Passphrase", "the-current-Passphrase");
		verify(accounts, never()).changeOwnPassword(any(), anyString(), anyString(), anyString(), anyString());
	}

	@Test
	void shouldSayTheServicesRefusalAboveTheFormWithoutEchoingAPassword() {
		willThrow(new ApiException(ErrorCode.PASSWORD_REJECTED, "The current password is not right.")).given(accounts)
			.changeOwnPassword(any(), anyString(), anyString(), anyString(), anyString());
		MvcTestResult page = password("a-wrong-guess-Passphrase", "a-new-long-Passphrase", "a-new-long-Passphrase");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("class=\"problems\"", "The current password is not right.")
			.doesNotContain("a-wrong-guess-Passphrase", "a-new-long-Passphrase");
	}

	@Test
	void shouldSayNextToTheAddressWhyTheInvitationWasRefusedAndKeepWhatWasTyped() {
		willThrow(ApiException.invalid("email must be one plain address such as admin@example.com.")).given(invitations)
			.invite(any(), anyLong(), anyString());
		MvcTestResult page = mvc.post()
			.uri("/console/companies/" + COMPANY + "/invitations")
			.with(signedIn())
			.with(csrf())
			.param("email", "not-an-address")
			.exchange();
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("id=\"email-error\"", "email must be one plain address", "value=\"not-an-address\"");
	}

	@Test
	void shouldAnswerAnotherCompanysInvitationFormLikeAMissingPage() {
		willThrow(ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company")).given(invitations)
			.invite(any(), anyLong(), anyString());
		MvcTestResult page = mvc.post()
			.uri("/console/companies/2002/invitations")
			.with(signedIn())
			.with(csrf())
			.param("email", "someone@example.com")
			.exchange();
		assertThat(page).hasStatus(404);
		assertThat(page).bodyText().contains("There is nothing here, or it is not yours to see.");
	}

	private MvcTestResult password(String current, String next, String repeat) {
		return mvc.post()
			.uri("/console/account/password")
			.with(signedIn())
			.with(csrf())
			.param("currentPassword", current)
			.param("newPassword", next)
			.param("repeatPassword", repeat)
			.exchange();
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
