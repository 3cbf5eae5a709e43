package io.domainpush.api.push;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The REST push endpoints as a web slice: a request that is not a push (malformed JSON, a
 * wrong type, a field the API does not take, a name that is not a domain) is answered 400
 * {@code VALIDATION_FAILED} as problem+json that holds nothing internal, and never
 * reaches the service.
 */
@WebMvcTest(PushController.class)
@EnableConfigurationProperties(ApiLimits.class)
class PushControllerTests {

	private static final Caller COMPANY_ADMIN = Caller.token(UUID.randomUUID(), 1001L);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private PushService pushes;

	@MockitoBean
	private PushQueries queries;

	@ParameterizedTest
	@ValueSource(strings = { "{\"domain\":", "not json", "[]", "{\"domain\":\"a.example\"}",
			"{\"domain\":\"UNDERSCORE_.example\",\"gaining_company_id\":1}",
			"{\"domain\":\"-bad.example\",\"gaining_company_id\":1}",
			"{\"domain\":\"a.example\",\"gaining_company_id\":\"one\"}",
			"{\"domain\":\"a.example\",\"gaining_company_id\":1,\"losing_company_id\":2}",
			"{\"domain\":\"a.example\",\"gaining_company_id\":1,\"status\":\"COMPLETED\"}" })
	void shouldRefuseWhatIsNotAPushAndAskTheServiceNothing(String body) {
		MvcTestResult answer = post("/api/v1/pushes", body);
		assertThat(answer).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer).bodyJson().extractingPath("$.code").isEqualTo("VALIDATION_FAILED");
		assertThat(answer).bodyText().doesNotContain("Exception", "tools.jackson", "at io.");
		verifyNoInteractions(pushes);
	}

	@Test
	void shouldRefuseADomainNameLongerThanDnsAllows() {
		String overlong = ("a".repeat(63) + ".").repeat(4) + "example";
		MvcTestResult answer = post("/api/v1/pushes/precheck",
				"{\"domain\":\"" + overlong + "\",\"gaining_company_id\":1}");
		assertThat(answer).hasStatus(400);
		verify(pushes, never()).precheck(any(), any());
	}

	@Test
	void shouldRefuseAPushIdThatIsNotAUuid() {
		MvcTestResult answer = mvc.get().uri("/api/v1/pushes/not-a-uuid").with(caller()).exchange();
		assertThat(answer).hasStatus(400);
		assertThat(answer).bodyJson().extractingPath("$.code").isEqualTo("VALIDATION_FAILED");
		verifyNoInteractions(pushes);
	}

	private MvcTestResult post(String path, String body) {
		return mvc.post()
			.uri(path)
			.with(caller())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static RequestPostProcessor caller() {
		return authentication(new UsernamePasswordAuthenticationToken(COMPANY_ADMIN, null, List.of()));
	}

}
