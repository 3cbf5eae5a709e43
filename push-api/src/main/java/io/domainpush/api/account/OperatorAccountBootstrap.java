package io.domainpush.api.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code push.security.operator-username} and {@code operator-password} make an operator
 * account at start-up when the username has none, as {@code operator-token} does for a
 * token: the first way into the console of a new installation. An account that exists is
 * left alone: a password rotated after a leak does not come back at the next start.
 */
@Component
class OperatorAccountBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OperatorAccountBootstrap.class);

	private final SecurityProperties properties;

	private final AccountRepository accounts;

	private final Passwords passwords;

	OperatorAccountBootstrap(SecurityProperties properties, AccountRepository accounts, Passwords passwords) {
		this.properties = properties;
		this.accounts = accounts;
		this.passwords = passwords;
	}

	@Override
	public void run(ApplicationArguments args) {
		String username = properties.operatorUsername();
		String password = properties.operatorPassword();
		if (username == null || username.isBlank() || password == null || password.isEmpty()) {
			log.info("No push.security.operator-username/operator-password: operator accounts made earlier still "
					+ "work; a new installation has none");
			return;
		}
		String name = AccountService.username(username);
		passwords.requireAcceptable(password, name);
		if (accounts.createOperatorIfMissing(name, passwords.hash(password))) {
			log.info("Bootstrap operator account {} created (its password is not logged)", name);
		}
		else {
			log.info("Bootstrap operator account {} exists: left as it is (its password is not changed)", name);
		}
	}

}
