package io.domainpush.api.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What a password must be, and how it is kept: 12 to 64 characters (at most 72 bytes, all
 * bcrypt reads), none of them a control character (a NUL or a line break could only ever
 * be typed over JSON), not one of the 10,000 most common such passwords, not the
 * username; stored only as a hash by Spring Security's delegating encoder (bcrypt, with
 * the algorithm's id in front so a stronger one can follow without a migration).
 */
@Component
public class Passwords {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 64;

	private static final int MAX_BYTES = 72;

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final Set<String> common = load();

	/**
	 * A hash to compare against when no account has the username, so both take as long.
	 */
	private final String decoy = encoder.encode("no account has this password " + System.nanoTime());

	/**
	 * @throws ApiException PASSWORD_REJECTED, saying why
	 */
	void requireAcceptable(String password, String username) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw refused("A password needs at least " + MIN_LENGTH + " characters.");
		}
		if (password.codePointCount(0, password.length()) > MAX_LENGTH
				|| password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw refused("A password may have at most " + MAX_LENGTH + " characters (" + MAX_BYTES + " bytes).");
		}
		if (password.codePoints().anyMatch(Character::isISOControl)) {
			throw refused("A password may not hold control characters (line breaks, tabs, NUL).");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (common.contains(lower)) {
			throw refused("This password is one of the most common ones: choose another.");
		}
		String name = username == null ? "" : username.toLowerCase(Locale.ROOT).split("@")[0];
		if (name.length() >= 4 && lower.contains(name)) {
			throw refused("A password may not contain the username.");
		}
	}

	String hash(String password) {
		return encoder.encode(password);
	}

	/**
	 * Whether {@code password} matches {@code hash}; with no hash (no such account) the
	 * password is still compared, to a decoy, so that the answer takes as long.
	 */
	public boolean matches(String password, String hash) {
		boolean matches = encoder.matches(password, hash == null ? decoy : hash);
		return hash != null && matches;
	}

	private static ApiException refused(String detail) {
		return new ApiException(ErrorCode.PASSWORD_REJECTED, detail);
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines().forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the common passwords", ex);
		}
		return passwords;
	}

}
