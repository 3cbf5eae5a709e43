package io.domainpush.core.rules;

import java.util.regex.Pattern;

/**
 * Notification addresses: exactly one plain {@code local@domain} address, printable
 * ASCII, no spaces, no CR/LF, no display name or comments, so nothing stored can add a
 * header or a recipient to an email.
 */
public final class EmailAddresses {

	public static final int MAX_LENGTH = 254;

	private static final int MAX_LOCAL_LENGTH = 64;

	private static final Pattern LOCAL_PART = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

	private EmailAddresses() {
	}

	public static boolean isValid(String address) {
		if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
			return false;
		}
		int at = address.lastIndexOf('@');
		if (at <= 0 || at != address.indexOf('@') || at > MAX_LOCAL_LENGTH) {
			return false;
		}
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		return LOCAL_PART.matcher(local).matches() && DomainNames.isValid(domain);
	}

}
