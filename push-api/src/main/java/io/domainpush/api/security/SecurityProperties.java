package io.domainpush.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param operatorToken a value made a valid operator token at start-up (env
 * {@code PUSH_SECURITY_OPERATOR_TOKEN}), for automation and first setup; only its hash is
 * stored
 */
@ConfigurationProperties("push.security")
public record SecurityProperties(String operatorToken) {

	@Override
	public String toString() {
		return "SecurityProperties[operatorToken=" + (operatorToken == null ? "unset" : "***") + "]";
	}

}
