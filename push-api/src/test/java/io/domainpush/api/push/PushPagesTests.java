package io.domainpush.api.push;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.core.rules.PushProblem;
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
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The domain page's push form and its pop-up as a web slice: a company ID that is not one
 * is said under the field (in the htmx answer, or a 422 page without htmx) and asks the
 * service nothing; the pop-up's "Push" submits and shows the push, or says what changed
 * since the confirmation.
 */
@WebMvcTest(PushPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class PushPagesTests {

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@losing.example", 1001L);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private PushService pushes;

	@MockitoBean
	private PushQueries queries;

	@Test
	void shouldSayUnderTheFieldWhatIsNotACompanyIdAndAskNothing() {
		MvcTestResult answer = mvc.post()
			.uri("/console/pushes/confirm")
			.with(signedIn())
			.with(csrf())
			.header("HX-Request", "true")
			.param("domain", "a.example")
			.param("gainingCompanyId", "acme")
			.exchange();
		assertThat(answer).hasStatusOk();
		assertThat(answer).bodyText()
			.contains("role=\"alert\"", "Enter the gaining company&#39;s ID, a number such as 1001.")
			.doesNotContain("<html", "<dialog");
		verify(pushes, never()).confirmation(any(), anyString(), anyLong());
	}

	@Test
	void shouldAnswerAFormWithoutHtmxWithAPageAnd422() {
		MvcTestResult page = mvc.post()
			.uri("/console/pushes/confirm")
			.with(signedIn())
			.with(csrf())
			.param("domain", "a.example")
			.param("gainingCompanyId", "")
			.exchange();
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("<html", "Push a.example", "a number such as 1001");
	}

	@Test
	void shouldSubmitThePushAndShowIt() {
		UUID id = UUID.randomUUID();
		PushView view = mock(PushView.class);
		given(view.pushId()).willReturn(id);
		given(pushes.submit(any(), eq(new PushRequests.SubmitPush("a.example", 1002L)), eq(null)))
			.willReturn(new PushService.Submitted(view, true));
		MvcTestResult page = submit("1002");
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/pushes/" + id);
	}

	@Test
	void shouldSayWhatChangedSinceTheConfirmation() {
		given(pushes.submit(any(), any(), eq(null))).willThrow(ApiException.refused(PushProblem.PUSH_IN_PROGRESS));
		MvcTestResult page = submit("1002");
		assertThat(page).hasStatus(409);
		assertThat(page).bodyText().contains("data-code=\"PUSH_IN_PROGRESS\"");
	}

	@Test
	void shouldRefuseAForgedPopUpWithoutAskingTheService() {
		MvcTestResult page = submit("1002; drop");
		assertThat(page).hasStatus(422);
		verify(pushes, never()).submit(any(), any(), any());
	}

	private MvcTestResult submit(String gaining) {
		return mvc.post()
			.uri("/console/pushes")
			.with(signedIn())
			.with(csrf())
			.param("domain", "a.example")
			.param("gainingCompanyId", gaining)
			.exchange();
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
