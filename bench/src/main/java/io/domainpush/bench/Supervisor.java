package io.domainpush.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the services of the fault suite as separate processes and restarts any that dies,
 * as an orchestrator would: the first start may carry a test-only crash point, restarts
 * never do. A service that exits without having been killed or crashed on purpose is a
 * violation: services must recover by themselves.
 */
final class Supervisor implements AutoCloseable {

	private final Map<String, Managed> services = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, String> env;

	private final Path root;

	private final Path logs;

	private final List<String> violations;

	private volatile int faults;

	/** The ports of every service started, kept while it is down. */
	private final java.util.Set<Integer> ports = java.util.concurrent.ConcurrentHashMap.newKeySet();

	Supervisor(Map<String, String> env, Path root, Path logs, List<String> violations) {
		this.env = env;
		this.root = root;
		this.logs = logs;
		this.violations = violations;
		Thread thread = new Thread(this::supervise, "fault-supervisor");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Starts {@code service} as {@code name} with extra environment (a port, a crash
	 * point).
	 */
	void start(String name, String service, Map<String, String> extra) throws Exception {
		Managed managed = new Managed(name, service, new LinkedHashMap<>(extra));
		services.put(name, managed);
		managed.launch();
	}

	/**
	 * Starts the services side by side and waits until each is healthy: on 2 cores a
	 * JVM's start waits on the disk and the database as much as on the CPU.
	 */
	void startTogether(Map<String, String> nameToService, Map<String, Map<String, String>> extras) throws Exception {
		List<Managed> started = new ArrayList<>();
		for (Map.Entry<String, String> entry : nameToService.entrySet()) {
			Managed managed = new Managed(entry.getKey(), entry.getValue(),
					new LinkedHashMap<>(extras.getOrDefault(entry.getKey(), Map.of())));
			services.put(entry.getKey(), managed);
			managed.spawn();
			started.add(managed);
		}
		for (Managed managed : started) {
			Processes.awaitHealthy(managed.port, managed.name);
		}
	}

	/** Keeps {@code port} for a service started later: no other service gets it. */
	void reserve(int port) {
		ports.add(port);
	}

	/** A free port no service of this supervisor has. */
	private int unusedPort() throws IOException {
		int port;
		do {
			port = Processes.freePort();
		}
		while (ports.contains(port));
		return port;
	}

	/** kill -9 of the service; it is restarted like any service that dies. */
	void kill(String name) {
		Managed managed = services.get(name);
		managed.expectExit = true;
		managed.process.destroyForcibly();
	}

	/** Stops the service for good (a scale-in). */
	void retire(String name) {
		Managed managed = services.get(name);
		managed.stopped = true;
		managed.process.destroy();
	}

	int restarts(String name) {
		return services.get(name).restarts;
	}

	int restarts() {
		return services.values().stream().mapToInt(m -> m.restarts).sum();
	}

	/** Crash points that fired (each a fault injected). */
	int crashes() {
		return faults;
	}

	private void supervise() {
		while (true) {
			try {
				superviseOnce();
			}
			catch (RuntimeException ex) {
				// a suite whose services are no longer watched proves nothing: say so,
				// keep watching
				violations.add("the supervisor failed: " + ex);
			}
			try {
				Thread.sleep(200); // supervision period
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void superviseOnce() {
		for (Managed managed : new ArrayList<>(services.values())) {
			// a service being launched for the first time has no process yet: its start
			// waits for it
			if (!managed.stopped && managed.process != null && !managed.process.isAlive()) {
				restart(managed);
			}
		}
	}

	private void restart(Managed managed) {
		try {
			int exit = managed.process.exitValue();
			Bench.say("    %s exited (%d), restarting", managed.name, exit);
			if (managed.extra.containsKey("PUSH_TEST_CRASH_POINT") && exit == 137) {
				faults++;
			}
			else if (!managed.expectExit) {
				violations
					.add(managed.name + " exited by itself (" + exit + "): services must recover without a restart");
			}
			managed.expectExit = false;
			managed.extra.remove("PUSH_TEST_CRASH_POINT");
			managed.extra.remove("PUSH_TEST_CRASH_AFTER");
			managed.restarts++;
			managed.launch();
		}
		catch (Exception ex) {
			// killed again while starting (or the database is down): the next round
			// restarts it
			managed.expectExit = true;
			Bench.say("    cannot restart %s yet: %s", managed.name, ex.getMessage());
		}
	}

	@Override
	public void close() {
		services.values().forEach(m -> m.stopped = true);
		services.values().forEach(m -> m.process.destroy());
	}

	private final class Managed {

		final String name;

		final String service;

		final Map<String, String> extra;

		volatile Process process;

		volatile boolean stopped;

		/**
		 * Set before the suite kills the process: that exit is a fault, not a failure.
		 */
		volatile boolean expectExit;

		volatile int restarts;

		Managed(String name, String service, Map<String, String> extra) {
			this.name = name;
			this.service = service;
			this.extra = extra;
		}

		volatile int port;

		void launch() throws Exception {
			spawn();
			Processes.awaitHealthy(port, name);
		}

		void spawn() throws Exception {
			// a service keeps its port across restarts, and no other service gets it
			// while
			// it is down (a restarted worker once took push-api-2's port, which then
			// could
			// not start again)
			if (!extra.containsKey("SERVER_PORT")) {
				extra.put("SERVER_PORT", String.valueOf(unusedPort()));
			}
			ports.add(Integer.parseInt(extra.get("SERVER_PORT")));
			Map<String, String> own = new LinkedHashMap<>(env);
			own.putAll(extra);
			port = Integer.parseInt(own.get("SERVER_PORT"));
			process = Processes.start(logs.resolve(name + "-" + restarts + ".log"),
					Processes.service(root, service, "-Xmx256m", List.of("-XX:TieredStopAtLevel=1")), own);
		}

	}

}
