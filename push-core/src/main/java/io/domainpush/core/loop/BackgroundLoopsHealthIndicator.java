package io.domainpush.core.loop;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness includes the service's background loops (the outbox relay, the sweeps, the
 * webhook dispatcher): a service whose loop died or hangs accepts work it will never
 * finish. Loops not meant to run in this service count as well.
 */
public class BackgroundLoopsHealthIndicator extends AbstractHealthIndicator {

	private final List<BackgroundLoop> loops;

	public BackgroundLoopsHealthIndicator(List<BackgroundLoop> loops) {
		super("Background loops health check failed");
		this.loops = List.copyOf(loops);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<String> stuck = loops.stream().filter(loop -> !loop.isAlive()).map(BackgroundLoop::name).toList();
		if (stuck.isEmpty()) {
			builder.up();
		}
		else {
			builder.down().withDetail("not running", stuck);
		}
	}

}
