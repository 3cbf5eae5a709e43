package io.domainpush.notifier.mail;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param from the sender address of notification emails
 * @param maxAttempts attempts at a transient SMTP failure (4xx, connection) before the notification is FAILED
 */
@Validated
@ConfigurationProperties("push.notifier")
public record NotifierProperties(@DefaultValue("domain-push@notifications.invalid") String from,
		@DefaultValue("10") @Min(1) int maxAttempts) {
}
