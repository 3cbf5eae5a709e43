package io.domainpush.api.company;

import java.util.List;

import io.domainpush.core.notification.NotificationMode;
import io.domainpush.core.rules.AcceptMode;

/**
 * A change of a company's domain-push settings: {@code allowedCompanies} null keeps them;
 * the notification email changes only when {@code changesNotificationEmail} (to null:
 * none); {@code notifyWhenPushedOut}, {@code notificationMode}, {@code accept} and
 * {@code holdDays} null keep theirs.
 */
public record DomainPushChange(List<Long> allowedCompanies, boolean changesNotificationEmail, String notificationEmail,
		Boolean notifyWhenPushedOut, NotificationMode notificationMode, AcceptMode accept, Integer holdDays) {
}
