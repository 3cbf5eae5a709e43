package io.domainpush.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.domainpush.core.webhook.WebhookSecrets;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: for each
 * secret, {@code v1,} and the base64 of HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with the secret's decoded bytes;
 * several signatures (during a rotation) separated by spaces.
 */
final class WebhookSigner {

	private WebhookSigner() {
	}

	static String signature(String messageId, long timestampSeconds, String body, List<String> secrets) {
		byte[] content = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
		return secrets.stream()
			.map(secret -> "v1," + hmac(WebhookSecrets.keyOf(secret), content))
			.collect(Collectors.joining(" "));
	}

	private static String hmac(byte[] key, byte[] content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(content));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
