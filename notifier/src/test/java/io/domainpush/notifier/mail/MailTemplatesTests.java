package io.domainpush.notifier.mail;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The per-push emails filled in without the engine are, byte for byte, what the engine
 * renders, whatever the values hold.
 */
class MailTemplatesTests {

	private static final List<String> NAMES = List.of("Gaining Reseller", "<b>Bold</b> & \"Quoted\" 'Co'",
			"Müller & Söhne", "=?UTF-8?B?Zm9v?=", "", "a\u0000b", "emoji 📬 & <tag>", "${gaining} [(${domain})]");

	private final MailTemplates templates = new MailTemplates();

	@ParameterizedTest
	@ValueSource(strings = { "push-completed", "push-departed" })
	void shouldFillInExactlyWhatTheEngineRendersWhenTheValuesHoldAnything(String template) {
		for (String name : NAMES) {
			Map<String, Object> facts = facts(name, "Other " + name);
			Map<String, Object> viaEngine = new LinkedHashMap<>(facts);
			// values under other names than those compiled for go through the engine
			viaEngine.put("unused", "x");
			assertThat(templates.text(template, facts)).as("text with %s", name)
				.isEqualTo(templates.text(template, viaEngine));
			assertThat(templates.html(template, facts)).as("HTML with %s", name)
				.isEqualTo(templates.html(template, viaEngine));
		}
	}

	@Test
	void shouldPrintAMissingValueAsNothingLikeTheEngine() {
		Map<String, Object> facts = facts("Gaining", "Losing");
		Map<String, Object> viaEngine = new LinkedHashMap<>(facts);
		viaEngine.put("unused", "x");
		facts.put("usersMoved", null);
		viaEngine.put("usersMoved", null);
		assertThat(templates.text("push-completed", facts)).contains("Users moved:   \n")
			.isEqualTo(templates.text("push-completed", viaEngine));
	}

	@Test
	void shouldRefuseATemplateWhoseOutputDependsOnItsValues() {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		StringTemplateResolver resolver = new StringTemplateResolver();
		resolver.setTemplateMode(TemplateMode.TEXT);
		engine.setTemplateResolver(resolver);
		String conditional = "Hello [(${name})][# th:if=\"${#strings.length(name) > 3}\"]!!![/]";
		assertThatIllegalStateException()
			.isThrownBy(() -> FillInTemplate.compile(engine, conditional, List.of("name"), UnaryOperator.identity()))
			.withMessageContaining("does more than print values");
		FillInTemplate plain = FillInTemplate.compile(engine, "Hello [(${name})], [(${name})]!", List.of("name"),
				UnaryOperator.identity());
		assertThat(plain.fill(Map.of("name", "Ann"))).isEqualTo("Hello Ann, Ann!");
	}

	private static Map<String, Object> facts(String gaining, String losing) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("subject", "Domain example.com was pushed to your account by " + losing);
		facts.put("gaining", gaining);
		facts.put("gainingId", 1002L);
		facts.put("domain", "example.com");
		facts.put("losing", losing);
		facts.put("losingId", 1001L);
		facts.put("completedAt", "2026-11-30 10:15:30 UTC");
		facts.put("usersMoved", 7);
		facts.put("billingStartsOn", LocalDate.of(2026, 12, 1));
		facts.put("pushId", UUID.randomUUID());
		return facts;
	}

}
