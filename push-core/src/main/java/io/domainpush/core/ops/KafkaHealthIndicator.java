package io.domainpush.core.ops;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Readiness needs the broker: the cluster must answer a describe within a few seconds. */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final Map<String, Object> adminProperties;

	public KafkaHealthIndicator(Map<String, Object> adminProperties) {
		super("Kafka health check failed");
		this.adminProperties = adminProperties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		try (Admin admin = Admin.create(adminProperties)) {
			int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
				.nodes()
				.get(4, TimeUnit.SECONDS)
				.size();
			builder.up().withDetail("nodes", nodes);
		}
	}

}
