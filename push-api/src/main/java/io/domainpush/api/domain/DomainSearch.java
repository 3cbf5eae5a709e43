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
	 * every domain is wanted; one the trigram index (on {@code lower(name)}, the pattern
	 * is lower case) serves when the pattern holds three characters in a row (what a
	 * trigram needs); otherwise one it cannot serve, so that the planner reads the
	 * company's domains in name order (a shorter part matches too many names for the
	 * index to help, and a plan through it would read them all).
	 */
	String nameCondition() {
		if (namePattern.equals("%")) {
			return "";
		}
		boolean trigram = Arrays.stream(namePattern.split("(?<!\\\\)[%_]"))
			.anyMatch((part) -> part.replace("\\", "").length() >= 3);
		return (trigram ? " and lower(name)" : " and (lower(name) || '')") + " like :pattern escape '\\'";
	}

	private static String escaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
