package io.domainpush.notifier.mail;

import org.springframework.context.annotation.Configuration;

/**
 * Names Jakarta Mail's stream provider once, at start-up. Without it, every MimeMessage
 * and MimeUtility call looks the provider up through ServiceLoader, scanning the whole
 * classpath (jakartaee/mail-api#861): the benchmark measured 1.6 ms of CPU per email. The
 * setting is JVM-wide by Jakarta Mail's design; an explicit setting made elsewhere is
 * kept.
 */
@Configuration(proxyBeanMethods = false)
class MailStreamProviderSetting {

	static final String PROPERTY = "jakarta.mail.util.StreamProvider";

	MailStreamProviderSetting() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

}
