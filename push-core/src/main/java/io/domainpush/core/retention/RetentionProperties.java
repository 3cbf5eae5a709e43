package io.domainpush.core.retention;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long rows that only grow are kept ({@code push.retention.*}), counted from when
 * they were made; a delivery still PENDING is never purged. The push itself, its history
 * and billing are kept: they are the record of what moved.
 *
 * @param emails notification emails (a push's {@code notification} is absent from the API
 * afterwards, and a replayed event older than this sends nothing)
 * @param digests batch digests
 * @param webhookDeliveries webhook deliveries, pings included (a replayed event older
 * than this delivers nothing)
 * @param signInFailures the throttles of failed sign-ins, counted from the last failure
 * (their level has leaked away long before)
 * @param knownBrowsers browsers people signed in from, counted from the last sign-in: a
 * browser not seen for this long is not known any more
 * @param invitations invitations to become a company's administrator, counted from when
 * they expire (accepted and revoked ones included; one still being emailed stays)
 * @param audit audit trail entries
 * @param interval how often the purge runs
 * @param batchSize rows deleted per statement
 */
@Validated
@ConfigurationProperties("push.retention")
public record RetentionProperties(@DefaultValue("90d") Duration emails, @DefaultValue("90d") Duration digests,
		@DefaultValue("30d") Duration webhookDeliveries, @DefaultValue("1d") Duration signInFailures,
		@DefaultValue("90d") Duration knownBrowsers, @DefaultValue("30d") Duration invitations,
		@DefaultValue("400d") Duration audit, @DefaultValue("10m") Duration interval,
		@DefaultValue("10000") @Min(1) int batchSize) {
}
