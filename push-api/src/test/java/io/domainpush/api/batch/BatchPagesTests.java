package io.domainpush.api.batch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.web.ApiLimits;
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
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The bulk push form as a web slice: what is wrong with a field stands next to it with
 * status 422 and nothing reaches the service; a refusal of the batch stands above the
 * form with the refusal's status; a good form becomes the batch.
 */
@WebMvcTest(BatchPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class BatchPagesTests {

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@losing.example", 1001L);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private BatchService batches;

	@Test
	void shouldSayNextToTheCompanyFieldWhatIsNotACompanyIdAndPushNothing() {
		MvcTestResult page = post("10x", "a.example\nb.example");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("id=\"gaining_company_id-error\"", "Enter the gaining company&#39;s ID, a number such as 1001.")
			.contains("a.example\nb.example");
		verify(batches, never()).submit(any(), anyLong(), anyList(), any(), any());
	}

	@Test
	void shouldSayNextToTheDomainsThatThereAreNone() {
		MvcTestResult page = post("1002", "# only a comment\n");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("id=\"domains-error\"", "Paste the domains to push");
		verify(batches, never()).submit(any(), anyLong(), anyList(), any(), any());
	}

	@Test
	void shouldSayTheRefusalOfTheBatchAboveTheForm() {
		given(batches.submit(any(), anyLong(), anyList(), any(), any())).willThrow(ApiException
			.unprocessable(ErrorCode.PUSH_NOT_ALLOWED, "Company 1002 does not allow pushes from your company."));
		MvcTestResult page = post("1002", "a.example");
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText()
			.contains("class=\"problems\"", "Company 1002 does not allow pushes from your company.")
			.contains("value=\"1002\"");
	}

	@Test
	void shouldPushTheDomainsPastedAndShowTheBatch() {
		UUID batch = UUID.randomUUID();
		given(batches.submit(any(), eq(1002L), eq(List.of("a.example", "b.example")), eq(null), eq(null)))
			.willReturn(new BatchViews.Submitted(batch, 2, 2, 0, Map.of(), null));
		MvcTestResult page = post(" 1002 ", "a.example\n# not this one\nb.example");
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/batches/" + batch);
	}

	private MvcTestResult post(String gaining, String domains) {
		return mvc.post()
			.uri("/console/bulk")
			.with(signedIn())
			.with(csrf())
			.param("gainingCompanyId", gaining)
			.param("domains", domains)
			.exchange();
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
