package io.domainpush.api.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lagRefresh how often the consumer-lag metrics are measured
 * @param lagInitialDelay the first measurement after start-up
 * @param lagTimeout what one measurement may take: with the broker down the lag endpoint
 * answers 503 and the metrics keep their last values after about this long
 */
@ConfigurationProperties("push.ops")
record OpsProperties(@DefaultValue("15s") Duration lagRefresh, @DefaultValue("5s") Duration lagInitialDelay,
		@DefaultValue("3s") Duration lagTimeout) {
}
