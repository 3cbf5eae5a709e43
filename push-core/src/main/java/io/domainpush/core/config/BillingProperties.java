package io.domainpush.core.config;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * R8: billing cycles are calendar months in this zone (UTC unless configured otherwise).
 */
@ConfigurationProperties("push.billing")
public record BillingProperties(@DefaultValue("UTC") ZoneId zone) {
}
