package io.domainpush.api.ops;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Requests that are not a caller's work start no trace: the probes and scrapes of
 * {@code /actuator} and the console's static files. Everything else a caller asks starts
 * one (sampled as {@code management.tracing.sampling.probability} says).
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	@Bean
	ObservationPredicate noTracesOfProbesAndFiles() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& isProbeOrFile(request.getCarrier().getRequestURI()));
	}

	static boolean isProbeOrFile(String path) {
		return path.startsWith("/actuator") || path.startsWith("/assets/") || path.equals("/favicon.ico");
	}

}
