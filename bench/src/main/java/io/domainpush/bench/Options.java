package io.domainpush.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options: {@code --name=value} or a bare {@code --flag}. */
record Options(Map<String, String> values) {

	static Options parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else if (arg.startsWith("--")) {
				values.put(arg.substring(2), "true");
			}
		}
		return new Options(values);
	}

	boolean has(String name) {
		return values.containsKey(name);
	}

	String text(String name, String otherwise) {
		return values.getOrDefault(name, otherwise);
	}

	int number(String name, int otherwise) {
		return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
	}

}
