package io.domainpush.systemtests;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects an authorization matrix's rows name as {@code {name}}: a row's text stays a
 * table while the ids are made at run time. A fixed name is one object; a fresh name
 * makes a new one for every call (a cell that deletes or pushes needs its own).
 */
final class Placeholders {

	private static final Pattern NAME = Pattern.compile("\\{([a-z][a-z-]*)\\}");

	private final Map<String, Supplier<String>> values = new HashMap<>();

	Placeholders fixed(String name, Object value) {
		String text = String.valueOf(value);
		values.put(name, () -> text);
		return this;
	}

	Placeholders fresh(String name, Supplier<?> value) {
		values.put(name, () -> String.valueOf(value.get()));
		return this;
	}

	String expand(String template) {
		if (template == null) {
			return null;
		}
		Matcher matcher = NAME.matcher(template);
		return matcher.replaceAll((match) -> Matcher.quoteReplacement(valueOf(match.group(1))));
	}

	private String valueOf(String name) {
		Supplier<String> value = values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("no object named {" + name + "} in this matrix");
		}
		return value.get();
	}

}
