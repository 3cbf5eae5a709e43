package io.domainpush.notifier.mail;

import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.stereotype.Component;

/**
 * The emails' templates ({@code src/main/resources/mail/}): each email has a plain-text
 * one ({@code .txt}, Thymeleaf's TEXT mode) and an HTML one ({@code .html}, HTML mode,
 * which escapes every value it writes). Parsed once and cached; expressions are SpEL.
 */
@Component
class MailTemplates {

	private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");

	private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");

	String text(String template, Map<String, Object> values) {
		return text.process(template, new Context(null, values));
	}

	String html(String template, Map<String, Object> values) {
		return html.process(template, new Context(null, values));
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
