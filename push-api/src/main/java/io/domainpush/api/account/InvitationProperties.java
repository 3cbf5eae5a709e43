package io.domainpush.api.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Invitations of administrators ({@code push.security.invitations.*}).
 *
 * @param lifetime how long an invitation's link works
 * @param maxOpen invitations one company may have open at once (409 TOO_MANY_INVITATIONS
 * beyond)
 */
@Validated
@ConfigurationProperties("push.security.invitations")
record InvitationProperties(@DefaultValue("7d") Duration lifetime, @DefaultValue("20") @Min(1) int maxOpen) {
}
