package io.domainpush.api.domain;

import java.util.Arrays;

import java.util.Locale;

import io.domainpush.api.error.ApiException;

/**
 * Which of a company's domains a listing shows and in which order: a SQL {@code LIKE}
 * pattern of the name (its own {@code %}, {@code _} and {@code \} escaped), ascending or
 * descending by name.
 */
public record DomainSearch(String namePattern, boolean descending) {

	/** Longer than any domain name can be, with every character a wildcard. */
	static final int MAX_PATTERN = 253;

	/** Every domain, by name. */
	public static DomainSearch all() {
		return new DomainSearch("%", false);
	}

	/** Names containing {@code part} (the REST API's and the console's search). */
	static DomainSearch containing(String part) {
		if (part == null || part.isBlank()) {
			return all();
		}
		String normalized = checked(part.strip());
		return new DomainSearch("%" + escaped(normalized) + "%", false);
	}

	/**
	 * Names matching a wildcard pattern, {@code *} any run of characters and {@code ?}
	 * one (the OMA-compatible API's {@code match}).
	 */
	public static DomainSearch wildcard(String pattern, boolean descending) {
		String checked = checked(pattern.strip());
		StringBuilder like = new StringBuilder();
		for (char c : checked.toCharArray()) {
			like.append(switch (c) {
				case '*' -> "%";
				case '?' -> "_";
				default -> escaped(String.valueOf(c));
			});
		}
		return new DomainSearch(like.toString(), descending);
	}

	private static String checked(String text) {
		if (text.length() > MAX_PATTERN) {
			throw ApiException.invalid("The search is longer than a domain name can be.");
		}
		return text.toLowerCase(Locale.ROOT);
	}

	/**
	 * The condition on the name, for a statement that binds {@code :pattern}: none when
	 * every domain is wanted. A pattern that starts with a character, not a wildcard
	 * ({@code ab*}), is a range of the (company, name) pattern index. Otherwise the
	 * trigram index (on {@code lower(name)}) serves a pattern that holds three characters
	 * in a row (what a trigram needs); a shorter part matches too many names for it to
	 * help (a plan through it would read them all), so its condition is on the name
	 * itself, which the trigram index does not hold, and the planner reads the company's
	 * names in order. Names are stored lower case, as {@code DomainNames} makes them, and
	 * so is the pattern.
	 */
	String nameCondition() {
		if (namePattern.equals("%")) {
			return "";
		}
		boolean prefix = !namePattern.startsWith("%") && !namePattern.startsWith("_");
		boolean trigram = Arrays.stream(namePattern.split("(?<!\\\\)[%_]"))
			.anyMatch((part) -> part.replace("\\", "").length() >= 3);
		return (trigram && !prefix ? " and lower(name)" : " and name") + " like :pattern escape '\\'";
	}

	private static String escaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
