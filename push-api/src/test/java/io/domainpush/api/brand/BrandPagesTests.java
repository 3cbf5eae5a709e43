package io.domainpush.api.brand;

import java.util.List;
import java.util.Map;
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
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The Brands page as a web slice: a new brand's name is checked next to its field before
 * the service is asked; renaming a frozen brand says why it cannot be, in words.
 */
@WebMvcTest(BrandPages.class)
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class BrandPagesTests {

	private static final long COMPANY = 1002;

	private static final ConsoleUser ADMIN = new ConsoleUser(UUID.randomUUID(), "admin@gaining.example", COMPANY);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private BrandService brands;

	@BeforeEach
	void oneFrozenBrand() {
		given(brands.list(any(), anyLong(), any()))
			.willReturn(new Page<>(List.of(new BrandView(7, COMPANY, null, false, Map.of())), 0, 50, false));
	}

	@Test
	void shouldSayNextToTheNameThatABrandNeedsOneAndCreateNothing() {
		MvcTestResult page = mvc.post()
			.uri("/console/brands")
			.with(signedIn())
			.with(csrf())
			.param("name", "   ")
			.exchange();
		assertThat(page).hasStatus(422);
		assertThat(page).bodyText().contains("id=\"name-error\"");
		verify(brands, never()).create(any(), anyLong(), any());
	}

	@Test
	void shouldCreateTheBrandForTheAdminsCompany() {
		given(brands.create(any(), eq(COMPANY), any())).willReturn(new BrandView(8, COMPANY, "Acme", true, Map.of()));
		MvcTestResult page = mvc.post()
			.uri("/console/brands")
			.with(signedIn())
			.with(csrf())
			.param("name", " Acme ")
			.exchange();
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/brands");
		verify(brands).create(any(), eq(COMPANY), eq(new BrandRequests.CreateBrand("Acme", Map.of())));
	}

	@Test
	void shouldSayWhyAFrozenBrandCannotBeRenamed() {
		given(brands.update(any(), eq(7L), any()))
			.willThrow(new ApiException(ErrorCode.BRAND_NOT_EDITABLE, "This brand cannot be edited."));
		MvcTestResult page = mvc.post()
			.uri("/console/brands/7")
			.with(signedIn())
			.with(csrf())
			.param("name", "Mine now")
			.exchange();
		assertThat(page).hasStatus(302).hasRedirectedUrl("/console/brands");
		assertThat(page).flash()
			.containsEntry("problems", List.of("This brand came with a pushed domain: it is unlabelled and cannot be "
					+ "edited. Create a brand with the settings you want and assign it to the domain."));
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(ADMIN, null, List.of()));
	}

}
