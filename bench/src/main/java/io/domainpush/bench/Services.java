package io.domainpush.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline as separate processes on loopback, for the benchmark: a Kafka broker,
 * push-worker, notifier and push-api (in that order, each healthy before the next), all
 * configured by environment.
 */
final class Services implements AutoCloseable {

	private final Map<String, Process> services = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private Process kafka;

	private String bootstrapServers;

	private Services() {
	}

	static Services start(Path root, Path logs, Map<String, String> env, List<String> jvmOptions, String profiled)
			throws IOException, InterruptedException {
		Services started = new Services();
		int kafkaPort = Processes.freePort();
		started.kafka = Processes.start(logs.resolve("kafka.log"), Processes.kafka(root, kafkaPort, null, List.of()),
				Map.of());
		Map<String, String> common = new LinkedHashMap<>(env);
		started.bootstrapServers = "127.0.0.1:" + kafkaPort;
		common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", started.bootstrapServers);
		for (String service : List.of("push-worker", "notifier", "push-api")) {
			int port = Processes.freePort();
			Map<String, String> own = new LinkedHashMap<>(common);
			own.put("SERVER_PORT", String.valueOf(port));
			List<String> options = new ArrayList<>(List.of("-XX:MaxMetaspaceSize=160m", "-Xss512k"));
			options.addAll(jvmOptions);
			if (service.equals(profiled)) {
				options
					.add("-XX:StartFlightRecording=filename=" + logs.resolve(service + ".jfr") + ",settings=profile");
			}
			started.services.put(service, Processes.start(logs.resolve(service + ".log"),
					Processes.service(root, service, "-Xmx256m", options), own));
			started.ports.put(service, port);
			Processes.awaitHealthy(port, service);
		}
		return started;
	}

	/**
	 * What every bench run gives the services: the database, the SMTP sink's port, the
	 * operator token, and a rate limit no measuring client reaches (one polls every 5 ms
	 * with one token).
	 */
	static Map<String, String> environment(String url, MailSink mail, String operatorToken) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", url);
		env.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
		env.put("PUSH_SECURITY_OPERATOR_TOKEN", operatorToken);
		env.put("PUSH_API_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000");
		return env;
	}

	String bootstrapServers() {
		return bootstrapServers;
	}

	int port(String service) {
		return ports.get(service);
	}

	Map<String, Process> processes() {
		return services;
	}

	/**
	 * CPU seconds used so far by each service, the broker, this harness, and the SMTP
	 * server (when it runs apart).
	 */
	Map<String, Double> cpu(MailSink mail) throws IOException {
		Map<String, Double> cpu = new LinkedHashMap<>();
		for (Map.Entry<String, Process> service : services.entrySet()) {
			cpu.put(service.getKey(), Processes.cpuSeconds(service.getValue().pid()));
		}
		cpu.put("kafka", Processes.cpuSeconds(kafka.pid()));
		cpu.put("harness", Processes.cpuSeconds(ProcessHandle.current().pid()));
		if (mail.pid() != ProcessHandle.current().pid()) {
			cpu.put("smtp server", Processes.cpuSeconds(mail.pid()));
		}
		return cpu;
	}

	@Override
	public void close() throws InterruptedException {
		List<Process> all = new ArrayList<>(services.values());
		all.add(kafka);
		all.forEach(Process::destroy);
		for (Process process : all) {
			process.waitFor();
		}
	}

}
