package io.domainpush.notifier.mail;

import io.domainpush.core.config.PeriodicTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code push.notifier.retry.poll-interval}, attempts the notifications that are
 * due again: after a transient failure's back-off, after an abandoned claim (a notifier
 * died mid-send), after a resend was asked for, or when their event never arrived.
 * Several notifiers may run it side by side: claims skip rows another one holds.
 */
@Component
class NotificationRetrier extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(NotificationRetrier.class);

	private final NotificationService notifications;

	NotificationRetrier(NotificationService notifications, TaskScheduler scheduler, NotifierProperties properties) {
		super(scheduler, properties.retry().pollInterval(), false);
		this.notifications = notifications;
	}

	@Override
	protected void runOnce() {
		try {
			int attempted = notifications.deliverDue();
			if (attempted > 0) {
				log.info("Attempted {} notification(s) due again", attempted);
			}
		}
		catch (RuntimeException ex) {
			// the database may be down: the next round tries again
			log.warn("Notifications due again not attempted: {}", ex.toString());
		}
	}

}
