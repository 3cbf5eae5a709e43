package io.domainpush.api.company;

import java.util.List;

import io.domainpush.core.notification.NotificationMode;

/**
 * A change of a company's domain-push settings: {@code allowedCompanies} null keeps them;
 * the notification email changes only when {@code changesNotificationEmail} (to null:
 * none); {@code notifyWhenPushedOut} and {@code notificationMode} null keep theirs.
 */
public record DomainPushChange(List<Long> allowedCompanies, boolean changesNotificationEmail, String notificationEmail,
		Boolean notifyWhenPushedOut, NotificationMode notificationMode) {
}
