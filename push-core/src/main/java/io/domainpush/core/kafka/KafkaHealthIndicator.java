package io.domainpush.core.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness needs the broker: the cluster must answer a describe within a few seconds.
 * One admin client serves every check (it reconnects by itself): creating one per check
 * cost more than the check.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Map<String, Object> adminProperties;

	private Admin admin;

	public KafkaHealthIndicator(Map<String, Object> adminProperties) {
		super("Kafka health check failed");
		this.adminProperties = adminProperties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000))
			.nodes()
			.get(4, TimeUnit.SECONDS)
			.size();
		builder.up().withDetail("nodes", nodes);
	}

	private synchronized Admin admin() {
		if (admin == null) {
			admin = Admin.create(adminProperties);
		}
		return admin;
	}

	@Override
	public synchronized void destroy() {
		if (admin != null) {
			admin.close(Duration.ofSeconds(1));
			admin = null;
		}
	}

}
