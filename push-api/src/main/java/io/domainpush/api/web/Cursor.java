package io.domainpush.api.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.domainpush.api.error.ApiException;

/**
 * A position in a list: the sort key of the row it stands next to, given to clients as an
 * opaque token (base64url of the key's parts). A client passes it back as {@code after}
 * or {@code before}; the list decodes the parts it wrote. It holds nothing but that row's
 * key: a list filters by its caller as always, so a token made up or taken from another
 * company's list shows nothing the caller could not page to.
 *
 * @param parts the key's parts, in the list's order
 * @param sentAs the parameter a client sent it as, named in the error when a part is not
 * what the list expects (null for a position the service made)
 */
public record Cursor(List<String> parts, String sentAs) {

	/** Longer than any token a list gives (a time and a UUID encode to about 90). */
	public static final int MAX_LENGTH = 512;

	private static final String SEPARATOR = "\u001f";

	public static Cursor of(Object... parts) {
		return new Cursor(Arrays.stream(parts).map(String::valueOf).toList(), null);
	}

	public String token() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
	}

	/** Decodes what a client sent as {@code parameter}. */
	public static Cursor parse(String token, String parameter) {
		if (token.length() > MAX_LENGTH) {
			throw notAPosition(parameter);
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			return new Cursor(List.of(text.split(SEPARATOR, -1)), parameter);
		}
		catch (IllegalArgumentException ex) {
			throw notAPosition(parameter);
		}
	}

	public String text(int part) {
		if (part >= parts.size()) {
			throw unreadable();
		}
		return parts.get(part);
	}

	public OffsetDateTime time(int part) {
		try {
			return OffsetDateTime.parse(text(part));
		}
		catch (DateTimeParseException ex) {
			throw unreadable();
		}
	}

	public UUID uuid(int part) {
		try {
			return UUID.fromString(text(part));
		}
		catch (IllegalArgumentException ex) {
			throw unreadable();
		}
	}

	public long number(int part) {
		try {
			return Long.parseLong(text(part));
		}
		catch (NumberFormatException ex) {
			throw unreadable();
		}
	}

	/** A part this list cannot read: named by the parameter the client sent. */
	private ApiException unreadable() {
		return notAPosition(sentAs == null ? "the position" : sentAs);
	}

	private static ApiException notAPosition(String parameter) {
		return ApiException.invalid(parameter + " is not a position this list gave (use the next or previous "
				+ "value of one of its pages).");
	}

}
