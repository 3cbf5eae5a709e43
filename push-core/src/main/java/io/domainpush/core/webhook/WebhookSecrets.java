package io.domainpush.core.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The endpoints' signing secrets: made here ({@code whsec_} and the base64 of 32 random
 * bytes, as the Standard Webhooks specification writes them), shown once, and stored
 * encrypted with AES-256-GCM under {@code push.webhooks.secret-key} (a random nonce per
 * secret, stored before the ciphertext).
 */
public final class WebhookSecrets {

	public static final String PREFIX = "whsec_";

	private static final int NONCE_BYTES = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	/**
	 * @param base64Key null or blank: webhooks are off
	 */
	public WebhookSecrets(String base64Key) {
		if (base64Key == null || base64Key.isBlank()) {
			this.key = null;
			return;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("push.webhooks.secret-key is not base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"push.webhooks.secret-key must be 32 bytes (base64), e.g. from 'openssl rand -base64 32'");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	public boolean enabled() {
		return key != null;
	}

	/** A new signing secret. */
	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getEncoder().encodeToString(bytes);
	}

	/** The key a secret stands for: the bytes its base64 part decodes to. */
	public static byte[] keyOf(String secret) {
		return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
	}

	public byte[] seal(String secret) {
		requireEnabled();
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt a webhook secret", ex);
		}
	}

	public String open(byte[] sealed) {
		requireEnabled();
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
					StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot decrypt a webhook secret (was push.webhooks.secret-key changed?)",
					ex);
		}
	}

	private void requireEnabled() {
		if (key == null) {
			throw new IllegalStateException("webhooks are off: push.webhooks.secret-key is not set");
		}
	}

}
