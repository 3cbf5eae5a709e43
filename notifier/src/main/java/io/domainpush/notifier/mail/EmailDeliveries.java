package io.domainpush.notifier.mail;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.domainpush.core.tracing.Traces;
import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.delivery.Claim;
import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryRun;
import io.domainpush.core.delivery.Selection;
import io.domainpush.core.notification.DueNotification;
import io.domainpush.core.notification.Notifications;
import io.domainpush.core.planning.KeptPlans;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How to deliver one kind: the per-push notification emails. The arrival of completed
 * pushes' events claims their notifications ({@link #deliver}); the sweep claims those
 * due again ({@link #deliverDue}). Each claim's emails go out over one SMTP connection,
 * as a {@link DeliveryRun} of the shared queue.
 */
@Component
class EmailDeliveries {

	private static final Logger log = LoggerFactory.getLogger(EmailDeliveries.class);

	private final Notifications notifications;

	private final DeliveryRun<DueNotification> run;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final NotifierProperties properties;

	private final DeliveryProperties delivery;

	private final EmailCounters counters;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	EmailDeliveries(Notifications notifications, Mailer mailer, MailTemplates templates, NotifierProperties properties,
			DeliveryProperties delivery, EmailCounters counters, Traces traces, TransactionTemplate transaction,
			JdbcClient jdbc) {
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.notifications = notifications;
		this.mailer = mailer;
		this.templates = templates;
		this.properties = properties;
		this.delivery = delivery;
		this.counters = counters;
		this.run = new DeliveryRun<>(notifications.queue(), properties.retry().policy(), properties.sendDeadline(),
				delivery.recordInterval(), traces);
	}

	/**
	 * Attempts the notifications of these pushes now, those that are PENDING and not
	 * waiting for a later attempt, within the listener's budget; a push with none
	 * attempted here is counted ALREADY_DONE.
	 */
	void deliver(Collection<UUID> pushIds) {
		List<UUID> ids = List.copyOf(new LinkedHashSet<>(pushIds));
		for (int start = 0; start < ids.size(); start += properties.sendBatchSize()) {
			List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + properties.sendBatchSize()));
			Claim<DueNotification> claim = KeptPlans
				.inTransaction(transaction, jdbc, () -> notifications.claimFor(chunk))
				.within(delivery.pollBudget());
			Set<UUID> claimed = claim.items().stream().map(DueNotification::pushId).collect(Collectors.toSet());
			counters.countAlreadyDone((int) chunk.stream().filter(id -> !claimed.contains(id)).count());
			mailer.run(claim, run, this::attempt);
		}
	}

	/**
	 * Attempts one batch of the notifications due again (back-off over, claim abandoned,
	 * given back, resend asked for, event lost), no company more than half of it;
	 * @return whether any was due (the sweep goes round again at once)
	 */
	boolean deliverDue() {
		int batch = properties.sendBatchSize();
		Claim<DueNotification> claim = notifications.queue()
			.claim(Selection.dueOrOrphaned(batch, properties.retry().orphanAge()).perCompany(Math.max(1, batch / 2)));
		if (!claim.isEmpty()) {
			log.info("Claimed {} notification(s) due again", claim.items().size());
		}
		mailer.run(claim, run, this::attempt);
		return !claim.isEmpty();
	}

	private Attempt attempt(MailRun mail, DueNotification notification) {
		return mail.deliver(notification, notification.recipient(),
				to -> mail.send(to, notification.messageId(), NotificationEmail.of(notification, templates, properties),
						"X-Domain-Push-Id", notification.pushId().toString()));
	}

}
