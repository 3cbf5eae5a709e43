package io.domainpush.notifier.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A template that only prints values, compiled once into its literal pieces: the engine
 * renders it with a marker in place of each value and the output is cut at the markers.
 * An email is then the pieces with the values between them, escaped as the engine would
 * escape them. Rendering every notification through Thymeleaf and its SpEL expressions
 * cost the notifier about a fifth of its CPU (docs/performance.md); this costs a string
 * concatenation. A template with a condition or a loop cannot be compiled this way: its
 * output would depend on the values, which a second rendering with other markers shows.
 */
final class FillInTemplate {

	private static final char OPEN = '\uE000';

	private static final char CLOSE = '\uE001';

	private final List<String> names;

	/** One more than {@link #names}: the text before, between and after the values. */
	private final String[] literals;

	private final int[] slots;

	private final UnaryOperator<String> escape;

	private FillInTemplate(List<String> names, String[] literals, int[] slots, UnaryOperator<String> escape) {
		this.names = names;
		this.literals = literals;
		this.slots = slots;
		this.escape = escape;
	}

	/**
	 * @param names the values the template may print, as the callers name them
	 * @param escape what the engine does to a value it prints (HTML: escapes markup)
	 * @throws IllegalStateException when the template's output depends on its values
	 */
	static FillInTemplate compile(ITemplateEngine engine, String template, List<String> names,
			UnaryOperator<String> escape) {
		Cut first = cut(engine, template, names, "");
		Cut second = cut(engine, template, names, "x");
		if (!first.equals(second)) {
			throw new IllegalStateException(
					"template " + template + " does more than print values; render it with the engine");
		}
		return new FillInTemplate(List.copyOf(names), first.literals().toArray(String[]::new),
				first.slots().stream().mapToInt(Integer::intValue).toArray(), escape);
	}

	/**
	 * @return whether these are the values the template was compiled for
	 */
	boolean fits(Map<String, ?> values) {
		return values.size() == names.size() && values.keySet().containsAll(names);
	}

	/**
	 * @param values each printed as {@link String#valueOf(Object)}, as the engine does
	 */
	String fill(Map<String, ?> values) {
		String[] printed = new String[names.size()];
		int length = 0;
		for (int i = 0; i < printed.length; i++) {
			Object value = values.get(names.get(i));
			printed[i] = value == null ? "" : escape.apply(String.valueOf(value));
		}
		for (String literal : literals) {
			length += literal.length();
		}
		for (int slot : slots) {
			length += printed[slot].length();
		}
		StringBuilder out = new StringBuilder(length);
		out.append(literals[0]);
		for (int i = 0; i < slots.length; i++) {
			out.append(printed[slots[i]]).append(literals[i + 1]);
		}
		return out.toString();
	}

	/**
	 * The template rendered with marker {@code OPEN index suffix CLOSE} for each value,
	 * cut at the markers.
	 */
	private static Cut cut(ITemplateEngine engine, String template, List<String> names, String suffix) {
		Context markers = new Context();
		for (int i = 0; i < names.size(); i++) {
			markers.setVariable(names.get(i), OPEN + Integer.toString(i) + suffix + CLOSE);
		}
		String rendered = engine.process(template, markers);
		List<String> literals = new ArrayList<>();
		List<Integer> slots = new ArrayList<>();
		int from = 0;
		for (int open = rendered.indexOf(OPEN); open >= 0; open = rendered.indexOf(OPEN, from)) {
			int close = rendered.indexOf(CLOSE, open);
			String marker = rendered.substring(open + 1, close);
			if (!marker.endsWith(suffix)) {
				throw new IllegalStateException("template " + template + " changed a value's marker: " + marker);
			}
			literals.add(rendered.substring(from, open));
			slots.add(Integer.parseInt(marker.substring(0, marker.length() - suffix.length())));
			from = close + 1;
		}
		literals.add(rendered.substring(from));
		return new Cut(literals, slots);
	}

	private record Cut(List<String> literals, List<Integer> slots) {
	}

}
