package io.domainpush.systemtests;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the end-to-end tests: they share one {@link RunningSystem} and reach it through
 * these fields.
 */
abstract class AgainstRunningSystem {

	static RunningSystem system;

	static ApiClient api;

	static Scenario scenario;

	@BeforeAll
	static void startSystem() {
		system = RunningSystem.get();
		api = system.api;
		scenario = system.scenario;
	}

}
