package io.domainpush.api.ops;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.core.kafka.ConsumerLag;
import io.domainpush.core.kafka.ConsumerLagReader;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations: consumer lag of every group of the system, measured now (operator only).
 */
@RestController
class OpsController {

	private final ConsumerLagReader lag;

	OpsController(ConsumerLagReader lag) {
		this.lag = lag;
	}

	@GetMapping("/api/v1/ops/consumer-lag")
	ConsumerLag consumerLag(Caller caller) {
		caller.requireOperator();
		try {
			return lag.read();
		}
		catch (IllegalStateException ex) {
			throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
					"The broker did not answer: lag cannot be measured now.");
		}
	}

}
