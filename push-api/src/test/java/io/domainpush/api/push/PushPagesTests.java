package io.domainpush.api.push;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.rules.PushFacts;
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

	@Test
	void shouldSayNextToTheTimeThatADateAndTimeNeedsOneAndAskNothing() {
		MvcTestResult answer = mvc.post()
			.uri("/console/pushes/confirm")
			.with(signedIn())
			.with(csrf())
			.header("HX-Request", "true")
			.param("domain", "a.example")
			.param("gainingCompanyId", "1002")
			.param("when.choice", "at_time")
			.param("when.time", "")
			.exchange();
		assertThat(answer).hasStatusOk();
		assertThat(answer).bodyText().contains("Give the date and time (UTC) the push should happen at.");
		verify(pushes, never()).confirmation(any(), anyString(), anyLong());
	}

	@Test
	void shouldSubmitThePlannedTimeInUtc() {
		UUID id = UUID.randomUUID();
		PushView view = mock(PushView.class);
		given(view.pushId()).willReturn(id);
		given(pushes.submit(any(),
				eq(new PushRequests.SubmitPush("a.example", 1002L,
						OffsetDateTime.of(2027, 1, 15, 9, 30, 0, 0, ZoneOffset.UTC), null)),
				eq(null)))
			.willReturn(new PushService.Submitted(view, true));
		MvcTestResult page = mvc.post()
			.uri("/console/pushes")
			.with(signedIn())
			.with(csrf())
			.param("domain", "a.example")
			.param("gainingCompanyId", "1002")
			.param("when.choice", "at_time")
			.param("when.time", "2027-01-15T09:30")
			.exchange();
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/pushes/" + id);
	}

	@Test
	void shouldSayUntilWhenADomainIsHeld() {
		ApiException held = ApiException.refused(PushProblem.DOMAIN_ON_HOLD,
				PushFacts.of(1L, 1001L, "a", 1002L, "a", true).heldUntil(Instant.parse("2027-01-10T08:00:00Z")));
		given(pushes.submit(any(), any(), eq(null))).willThrow(held);
		MvcTestResult page = submit("1002");
		assertThat(page).hasStatus(409);
		assertThat(page).bodyText()
			.contains("data-code=\"DOMAIN_ON_HOLD\"", "is on hold until 2027-01-10 08:00:00 UTC");
	}

	@Test
	void shouldListThePushesAwaitingTheCompanysApprovalWithAButtonEach() {
		UUID id = UUID.randomUUID();
		PushView waiting = new PushView(id, PushStatus.AWAITING_APPROVAL, "w.example", 1003, 1001, null,
				OffsetDateTime.now(), null, null, null, null, null, OffsetDateTime.parse("2026-12-15T18:00:00Z"), null,
				null);
		given(queries.list(any(), eq(null), eq("AWAITING_APPROVAL"), eq(null), eq(PushRepository.Direction.INCOMING),
				any()))
			.willReturn(new Page<>(List.of(waiting), 0, 50, false));
		MvcTestResult page = mvc.get().uri("/console/incoming").with(signedIn()).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("w.example", "/console/pushes/" + id + "/approve?back=incoming",
					"/console/pushes/" + id + "/decline?back=incoming", "Approve the push of w.example");
	}

	@Test
	void shouldSayAboveThePushWhenItWasAnsweredAlready() {
		UUID id = UUID.randomUUID();
		given(pushes.approve(any(), eq(id))).willThrow(PushService.notAwaitingApproval(PushStatus.EXPIRED));
		MvcTestResult page = mvc.post()
			.uri("/console/pushes/" + id + "/approve")
			.with(signedIn())
			.with(csrf())
			.param("back", "incoming")
			.exchange();
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/incoming");
		assertThat(page).flash().containsKey("problems");
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
