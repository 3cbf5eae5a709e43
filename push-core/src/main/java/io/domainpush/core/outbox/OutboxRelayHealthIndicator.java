package io.domainpush.core.outbox;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness includes the outbox relay: a service whose relay loop died or hangs accepts
 * work it will never announce. Services that relay no topic are always UP here.
 */
public class OutboxRelayHealthIndicator extends AbstractHealthIndicator {

	private final OutboxRelay relay;

	public OutboxRelayHealthIndicator(OutboxRelay relay) {
		super("Outbox relay health check failed");
		this.relay = relay;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (relay.isAlive()) {
			builder.up();
		}
		else {
			builder.down().withDetail("relay", "not running");
		}
	}

}
