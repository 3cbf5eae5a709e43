package io.domainpush.api.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.brand.BrandView;
import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.push.PushQueries;
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
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A domain's page as a web slice: its effective settings are a table that says where each
 * value comes from, its push section posts the form the push feature binds, and a brand
 * choice that is not one of the list changes nothing.
 */
@WebMvcTest(DomainPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class DomainPagesTests {

	private static final long COMPANY = 1001;

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@losing.example", COMPANY);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private DomainService domains;

	@MockitoBean
	private PushQueries pushes;

	@BeforeEach
	void aBrandedDomainWithOneOwnSetting() {
		Map<String, Object> effective = new LinkedHashMap<>();
		effective.put("webmail_theme", "modern");
		effective.put("spam_filter", "strict");
		given(domains.get(any(), eq("shop.example"))).willReturn(new DomainViews.DomainDetail("shop.example", COMPANY,
				"a", new BrandView(7, COMPANY, "Acme", true, Map.of("webmail_theme", "modern")),
				Map.of("spam_filter", "strict"), effective, 2, 40, 4096));
		given(domains.users(any(), anyString(), any())).willReturn(new Page<>(List.of(), 0, 50, false));
		given(domains.billing(any(), anyString())).willReturn(new DomainViews.Billing("shop.example", List.of()));
		given(domains.assignableBrands(any(), anyString())).willReturn(List.of());
		given(pushes.list(any(), anyString(), isNull(), isNull(), any()))
			.willReturn(new Page<>(List.of(), 0, 20, false));
	}

	@Test
	void shouldShowEachEffectiveSettingWithWhereItComesFrom() {
		MvcTestResult page = mvc.get().uri("/console/domains/shop.example").with(signedIn()).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("data-setting=\"webmail_theme\"", "Brand Acme")
			.contains("data-setting=\"spam_filter\"", "This domain")
			.contains("name=\"gainingCompanyId\"", "aria-describedby=\"push-answer\"");
	}

	@Test
	void shouldRefuseABrandThatIsNotAChoiceAndChangeNothing() {
		MvcTestResult page = mvc.post()
			.uri("/console/domains/shop.example/brand")
			.with(signedIn())
			.with(csrf())
			.param("brand_id", "seven")
			.exchange();
		assertThat(page).hasStatus(400);
		assertThat(page).bodyText().contains("Choose a brand from the list.");
		verify(domains, never()).assignBrand(any(), anyString(), any());
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
