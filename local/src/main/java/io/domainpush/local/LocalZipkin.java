package io.domainpush.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Zipkin's server (its exec jar from Maven Central, in-memory storage) as a process of
 * its own, where the services' traces go and can be looked at: the UI at
 * {@link #uiUrl()}, the API under {@code /api/v2}.
 */
public final class LocalZipkin implements AutoCloseable {

	/**
	 * Where the build copies the jar (maven-dependency-plugin, execution zipkin-server).
	 */
	public static final String JAR = "target/zipkin/zipkin-server.jar";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private LocalZipkin(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the server from {@code jar} on {@code port} (0: a free one) and waits until
	 * it answers, its output going to {@code log}.
	 */
	public static LocalZipkin start(Path jar, int port, Path log) {
		LocalZipkin zipkin = launch(jar, port, log);
		zipkin.awaitHealthy();
		return zipkin;
	}

	/**
	 * Starts the server without waiting for it ({@link #awaitHealthy()}): it takes a few
	 * seconds, which other things can use.
	 */
	public static LocalZipkin launch(Path jar, int port, Path log) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
		}
		int chosen = port == 0 ? FreePorts.find() : port;
		ProcessBuilder builder = new ProcessBuilder(List.of(javaCommand(), "-Xmx256m", "-jar", jar.toString()))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("QUERY_PORT", String.valueOf(chosen));
		builder.environment().put("STORAGE_TYPE", "mem");
		try {
			return new LocalZipkin(builder.start(), chosen);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Zipkin did not start", ex);
		}
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Waits until the server answers; stops it and throws if it does not in time. */
	public void awaitHealthy() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Zipkin exited with " + process.exitValue());
			}
			try {
				HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while Zipkin started", ex);
			}
			waitForExit(Duration.ofMillis(200));
		}
		close();
		throw new IllegalStateException("Zipkin did not answer within " + START_TIMEOUT);
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	public String uiUrl() {
		return baseUrl() + "/zipkin/";
	}

	/** Where the services send their spans (Zipkin's JSON v2 API). */
	public String spansEndpoint() {
		return baseUrl() + "/api/v2/spans";
	}

	@Override
	public void close() {
		process.destroy();
		if (!waitForExit(Duration.ofSeconds(10))) {
			process.destroyForcibly();
		}
	}

	/**
	 * @return whether the process ended within {@code wait}
	 */
	private boolean waitForExit(Duration wait) {
		try {
			return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
