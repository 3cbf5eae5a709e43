package io.domainpush.api.security;

import io.domainpush.api.account.SecurityProperties;
import io.domainpush.api.account.TokenRepository;
import io.domainpush.api.account.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * DESIGN §6: {@code push.security.operator-token} becomes a valid operator token at
 * start-up.
 */
@Component
class OperatorTokenBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OperatorTokenBootstrap.class);

	static final int MIN_LENGTH = 20;

	private final SecurityProperties properties;

	private final TokenRepository tokens;

	OperatorTokenBootstrap(SecurityProperties properties, TokenRepository tokens) {
		this.properties = properties;
		this.tokens = tokens;
	}

	@Override
	public void run(ApplicationArguments args) {
		String token = properties.operatorToken();
		if (token == null || token.isBlank()) {
			log.warn("No push.security.operator-token is set (PUSH_SECURITY_OPERATOR_TOKEN): operator tokens made "
					+ "earlier still work; a new installation has none");
			return;
		}
		if (token.length() < MIN_LENGTH) {
			throw new IllegalStateException(
					"push.security.operator-token must be at least " + MIN_LENGTH + " characters");
		}
		tokens.ensure(null, "bootstrap operator token", Tokens.hash(token));
		log.info("Bootstrap operator token is valid (its value is not logged)");
	}

}
