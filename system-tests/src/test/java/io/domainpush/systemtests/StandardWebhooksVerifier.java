package io.domainpush.systemtests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Verifies a delivery as a receiver would, written from the Standard Webhooks
 * specification's text and sharing no code with the production signer (not even
 * javax.crypto.Mac: HMAC is computed here from SHA-256 as RFC 2104 defines it). The
 * specification: the signed content is {@code msg_id + "." + timestamp + "." + body}; the
 * key is the base64-decoded part of the secret after {@code whsec_};
 * {@code webhook-signature} is a space-delimited list of {@code v1,<base64 signature>},
 * any one of which may match; the timestamp must be within a tolerance of now (5 minutes
 * here) to refuse replays.
 */
final class StandardWebhooksVerifier {

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private StandardWebhooksVerifier() {
	}

	/**
	 * @return whether one of the signatures was made with {@code secret}
	 */
	static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
		if (id == null || timestamp == null || signatureHeader == null || !secret.startsWith("whsec_")) {
			return false;
		}
		long seconds = Long.parseLong(timestamp);
		if (Duration.between(Instant.ofEpochSecond(seconds), Instant.now()).abs().compareTo(TOLERANCE) > 0) {
			return false;
		}
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		byte[] expected = hmacSha256(key, (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		for (String signature : signatureHeader.split(" ")) {
			String[] parts = signature.split(",", 2);
			if (parts.length == 2 && parts[0].equals("v1")
					&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
				return true;
			}
		}
		return false;
	}

	/** RFC 2104: H((K' xor opad) || H((K' xor ipad) || m)), block size 64 for SHA-256. */
	static byte[] hmacSha256(byte[] key, byte[] message) {
		byte[] block = new byte[64];
		byte[] k = key.length > 64 ? sha256(key) : key;
		System.arraycopy(k, 0, block, 0, k.length);
		byte[] inner = new byte[64 + message.length];
		byte[] outerPad = new byte[64];
		for (int i = 0; i < 64; i++) {
			inner[i] = (byte) (block[i] ^ 0x36);
			outerPad[i] = (byte) (block[i] ^ 0x5c);
		}
		System.arraycopy(message, 0, inner, 64, message.length);
		byte[] innerHash = sha256(inner);
		byte[] outer = new byte[64 + innerHash.length];
		System.arraycopy(outerPad, 0, outer, 0, 64);
		System.arraycopy(innerHash, 0, outer, 64, innerHash.length);
		return sha256(outer);
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
