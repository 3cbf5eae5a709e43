package io.domainpush.core.rules;

import java.util.regex.Pattern;

/**
 * Names people give things (companies, brands, token labels) are shown in pages, logs and
 * email headers: they may hold letters, digits, punctuation, symbols and spaces of any
 * script, but no control (Cc) or format (Cf: bidi overrides, zero-width characters)
 * characters, no line or paragraph separators, no private-use, surrogate or unassigned
 * code points. The API refuses such names ({@code @Pattern(regexp = PlainText.PATTERN)});
 * what reaches an email header is cleaned again.
 */
public final class PlainText {

	public static final String PATTERN = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Cs}\\p{Cn}]*";

	public static final String MESSAGE = "must not contain control, format (e.g. bidi) or separator characters";

	private static final Pattern NOT_PLAIN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Cs}\\p{Cn}]");

	private PlainText() {
	}

	public static boolean isPlain(String text) {
		return text != null && !NOT_PLAIN.matcher(text).find();
	}

	/**
	 * {@code text} with every character a name may not hold replaced by a space,
	 * stripped.
	 */
	public static String clean(String text) {
		if (text == null) {
			return "";
		}
		// printable ASCII holds none of those characters: most names skip the pattern,
		// which the notifier would otherwise run for every email
		return printableAscii(text) ? text.strip() : NOT_PLAIN.matcher(text).replaceAll(" ").strip();
	}

	private static boolean printableAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

}
