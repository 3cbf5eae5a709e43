package io.domainpush.api.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param operatorToken a value made a valid operator token at start-up (env
 * {@code PUSH_SECURITY_OPERATOR_TOKEN}), for automation and first setup; only its hash is
 * stored
 * @param operatorUsername with {@code operatorPassword}: an operator account made (or its
 * password set) at start-up, the first way into the console; only the password's hash is
 * stored
 * @param operatorPassword see {@code operatorUsername}
 */
@ConfigurationProperties("push.security")
public record SecurityProperties(String operatorToken, String operatorUsername, String operatorPassword) {

	@Override
	public String toString() {
		return "SecurityProperties[operatorToken=" + (operatorToken == null ? "unset" : "***") + ", operatorUsername="
				+ operatorUsername + ", operatorPassword=" + (operatorPassword == null ? "unset" : "***") + "]";
	}

}
