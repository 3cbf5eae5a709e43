package io.domainpush.notifier.mail;

import java.util.function.BiFunction;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryRun;
import io.domainpush.core.delivery.DeliverySession;
import io.domainpush.core.delivery.Queued;

import org.springframework.stereotype.Component;

/**
 * Runs a claim of any kind of email: one SMTP connection ({@link MailRun}) for the claim,
 * each of its deliveries attempted as the kind says, the outcomes counted.
 */
@Component
class Mailer {

	private final SmtpSender smtp;

	private final EmailCounters counters;

	private final InternetAddress from;

	Mailer(SmtpSender smtp, EmailCounters counters, NotifierProperties properties) throws MessagingException {
		this.smtp = smtp;
		this.counters = counters;
		this.from = new InternetAddress(properties.from(), true);
	}

	<T extends Queued> void run(Claim<T> claim, DeliveryRun<T> run, BiFunction<MailRun, T, Attempt> attempt) {
		if (claim.isEmpty()) {
			return;
		}
		try (MailRun mail = new MailRun(smtp, from)) {
			counters.count(run.run(claim, claim.items(), new DeliverySession<>() {

				@Override
				public Attempt attempt(T item) {
					return attempt.apply(mail, item);
				}

				@Override
				public void close() {
					// the connection is the claim's, closed with it
				}

			}));
		}
	}

}
