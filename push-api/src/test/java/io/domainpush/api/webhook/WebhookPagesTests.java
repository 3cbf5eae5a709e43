package io.domainpush.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.webhook.WebhookDelivery;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The console's webhook pages as a web slice: a URL the service refuses is said next to
 * the URL field, an invalid form never reaches the service, the company comes from the
 * signed-in admin, whatever the form names, and deliveries page by the cursors their page
 * gives.
 */
@WebMvcTest(WebhookPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class WebhookPagesTests {

	private static final long COMPANY = 1002;

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@gaining.example", COMPANY);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private WebhookService webhooks;

	@BeforeEach
	void noEndpointYet() {
		given(webhooks.list(any(), anyLong(), any())).willReturn(new Page<>(List.of(), 0, 50, false));
	}

	@Test
	void shouldSayNextToTheUrlWhyTheServiceRefusedIt() {
		given(webhooks.create(any(), anyLong(), anyString(), anyList())).willThrow(
				ApiException.unprocessable(ErrorCode.WEBHOOK_URL_REFUSED, "The URL resolves to an internal address."));
		MvcTestResult page = post("https://intranet.example/hook", "1");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("id=\"url-error\"", "The URL resolves to an internal address.")
			.contains("value=\"https://intranet.example/hook\"");
	}

	@Test
	void shouldNotAskTheServiceWithAnInvalidForm() {
		MvcTestResult page = post("", "1");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("id=\"url-error\"");
		verify(webhooks, never()).create(any(), anyLong(), anyString(), anyList());
	}

	@Test
	void shouldRegisterForTheAdminsOwnCompanyWhateverTheFormNames() {
		given(webhooks.create(any(), anyLong(), anyString(), anyList())).willThrow(ApiException
			.unprocessable(ErrorCode.TOO_MANY_WEBHOOKS, "The company has its maximum of webhook endpoints."));
		MvcTestResult page = post("https://hooks.example/a", "9999");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("class=\"problems\"", "its maximum of webhook endpoints");
		verify(webhooks).create(any(), eq(COMPANY), anyString(), anyList());
	}

	@Test
	void shouldPageDeliveriesByTheCursorsTheirPageGives() {
		UUID hook = UUID.randomUUID();
		given(webhooks.get(any(), eq(COMPANY), eq(hook))).willReturn(new WebhookViews.WebhookView(hook, COMPANY,
				"https://hooks.example/a", List.of("push.completed"), "ENABLED", null, Instant.now(), null, null));
		String after = Cursor.of(Instant.parse("2026-12-06T01:00:00Z"), UUID.randomUUID()).token();
		WebhookDelivery delivery = new WebhookDelivery("msg_1", "push.completed", UUID.randomUUID(), "DELIVERED", 1,
				200, null, Instant.now(), null, Instant.now(), UUID.randomUUID());
		given(webhooks.deliveries(any(), eq(COMPANY), eq(hook), any()))
			.willReturn(new Page<>(List.of(delivery), null, 50, true, "NEXTTOKEN", "PREVIOUSTOKEN"));
		MvcTestResult page = mvc.get().uri("/console/webhooks/" + hook + "?after=" + after).with(signedIn()).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("href=\"/console/webhooks/" + hook + "?after=NEXTTOKEN\"")
			.contains("href=\"/console/webhooks/" + hook + "?before=PREVIOUSTOKEN\"");
		ArgumentCaptor<PageRequest> asked = ArgumentCaptor.forClass(PageRequest.class);
		verify(webhooks).deliveries(any(), eq(COMPANY), eq(hook), asked.capture());
		assertThat(asked.getValue().after()).isEqualTo(Cursor.parse(after, "after"));
	}

	private MvcTestResult post(String url, String company) {
		return mvc.post()
			.uri("/console/webhooks")
			.with(signedIn())
			.with(csrf())
			.param("company", company)
			.param("url", url)
			.param("events", "push.completed")
			.exchange();
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
