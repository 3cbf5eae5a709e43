package io.domainpush.notifier.mail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unbescape.html.HtmlEscape;

import org.springframework.stereotype.Component;

/**
 * The emails' templates ({@code src/main/resources/mail/}): each email has a plain-text
 * one ({@code .txt}, Thymeleaf's TEXT mode) and an HTML one ({@code .html}, HTML mode,
 * which escapes every value it writes). Parsed once and cached; expressions are SpEL. The
 * templates of the per-push emails ({@link #FILL_IN}) only print values: each is compiled
 * on first use, for the names of the values it is given, into a {@link FillInTemplate}
 * and filled in without the engine (values under other names go through the engine); the
 * digests' templates (conditions, loops) always go through it.
 */
@Component
class MailTemplates {

	/** Templates that print values and nothing else: no condition, no loop. */
	static final Set<String> FILL_IN = Set.of("push-completed", "push-departed", "push-approval");

	private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");

	private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");

	private final Map<String, FillInTemplate> compiled = new ConcurrentHashMap<>();

	String text(String template, Map<String, ?> values) {
		return render(text, ".txt", UnaryOperator.identity(), template, values);
	}

	/** Values are escaped as th:text does (markup-significant characters only). */
	String html(String template, Map<String, ?> values) {
		return render(html, ".html", HtmlEscape::escapeHtml4Xml, template, values);
	}

	private String render(SpringTemplateEngine engine, String suffix, UnaryOperator<String> escape, String template,
			Map<String, ?> values) {
		if (FILL_IN.contains(template)) {
			FillInTemplate fillIn = compiled.computeIfAbsent(template + suffix,
					key -> FillInTemplate.compile(engine, template, List.copyOf(values.keySet()), escape));
			if (fillIn.fits(values)) {
				return fillIn.fill(values);
			}
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> variables = (Map<String, Object>) values;
		return engine.process(template, new Context(null, variables));
	}

	private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
