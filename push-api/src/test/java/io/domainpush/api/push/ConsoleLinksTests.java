package io.domainpush.api.push;

import java.util.List;
import java.util.UUID;

import io.domainpush.api.console.Formats;
import io.domainpush.api.console.Forms;
import io.domainpush.api.security.ConsoleUser;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * With push-api's own configuration: static files are looked for under /assets/ and
 * /webjars/ only, so the links a console page builds are not looked up on the classpath
 * one by one (with Boot's default /** each link of a 50-row list was, a miss never
 * cached: 30-70 ms a page).
 */
@WebMvcTest(controllers = PushPages.class, properties = "spring.config.name=push-api")
@Import({ Forms.class, Formats.class })
@EnableConfigurationProperties(ApiLimits.class)
class ConsoleLinksTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ResourceUrlProvider resources;

	@MockitoBean
	private PushService pushes;

	@MockitoBean
	private PushQueries queries;

	@Test
	void shouldLookForStaticFilesUnderAssetsAndWebjarsOnly() {
		assertThat(resources.getHandlerMap()).containsOnlyKeys("/assets/**", "/webjars/**");
		assertThat(resources.getForLookupPath("/console/pushes/" + UUID.randomUUID())).isNull();
		given(queries.list(any(), any(), any(), any(), any(), any())).willReturn(new Page<>(List.of(), 0, 50, false));
		assertThat(mvc.get().uri("/console/pushes").with(signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("/assets/console.css");
		assertThat(mvc.get().uri("/assets/console.css").with(signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.isNotEmpty();
	}

	private static RequestPostProcessor signedIn() {
		return authentication(new UsernamePasswordAuthenticationToken(
				new ConsoleUser(UUID.randomUUID(), "admin@losing.example", 1001L), null, List.of()));
	}

}
