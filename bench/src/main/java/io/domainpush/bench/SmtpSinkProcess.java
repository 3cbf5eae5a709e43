package io.domainpush.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's SMTP server in its own process ({@code smtp-sink}, see {@link Bench}),
 * as a user's mail server is: the email latency it reports includes no sharing of the
 * measuring JVM. The process prints each acceptance, with its own clock, as a line on its
 * standard output; this side keeps them.
 */
final class SmtpSinkProcess implements MailSink {

	static final String READY = "smtp-sink listening on ";

	static final String ACCEPTED = "accepted ";

	private static final int FLUSH_MILLIS = 20;

	private final Process process;

	private final int port;

	private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

	private final AtomicLong messages = new AtomicLong();

	private SmtpSinkProcess(Process process, BufferedReader output) throws IOException {
		this.process = process;
		String ready = output.readLine();
		if (ready == null || !ready.startsWith(READY)) {
			process.destroyForcibly();
			throw new IOException("the SMTP sink did not start: " + ready);
		}
		this.port = Integer.parseInt(ready.substring(READY.length()).trim());
		Thread reader = new Thread(() -> read(output), "smtp-sink-output");
		reader.setDaemon(true);
		reader.start();
	}

	/** Starts the sink from the bench's jar and returns once it listens. */
	static SmtpSinkProcess start(Path root, Path log) throws IOException {
		Process process = new ProcessBuilder(Processes.java(), "-Xmx128m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-jar", root.resolve("bench/target/domain-push-bench.jar").toString(),
				"smtp-sink")
			.redirectError(log.toFile())
			.start();
		return new SmtpSinkProcess(process,
				new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)));
	}

	/**
	 * The child's side: a sink that prints every acceptance, flushed every
	 * {@value #FLUSH_MILLIS} ms (the time printed is the acceptance's, so a line read
	 * later measures the same; a flush per email cost the server more CPU than the
	 * notifier's rendering); runs until killed.
	 */
	static void serve() throws IOException, InterruptedException {
		PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
				false, StandardCharsets.US_ASCII);
		exitWithParent();
		try (SmtpSink sink = new SmtpSink()) {
			sink.onAccepted((messageId, millis) -> {
				synchronized (out) {
					out.println(ACCEPTED + millis + " " + messageId);
				}
			});
			synchronized (out) {
				out.println(READY + sink.port());
				out.flush();
			}
			while (!out.checkError()) {
				Thread.sleep(FLUSH_MILLIS);
				synchronized (out) {
					out.flush();
				}
			}
		}
	}

	/**
	 * Ends this process when its standard input closes: the harness that started it
	 * ended, killed or not, and no one reads its lines any more.
	 */
	private static void exitWithParent() {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// the harness writes nothing; only the end matters
				}
			}
			catch (IOException ex) {
				// closed: the same
			}
			Runtime.getRuntime().halt(0);
		}, "smtp-sink-parent");
		watcher.setDaemon(true);
		watcher.start();
	}

	private void read(BufferedReader output) {
		try (output) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(ACCEPTED)) {
					List<String> parts = List.of(line.substring(ACCEPTED.length()).split(" ", 2));
					acceptedAt.putIfAbsent(parts.get(1), Long.parseLong(parts.get(0)));
					messages.incrementAndGet();
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	@Override
	public int port() {
		return port;
	}

	@Override
	public Map<String, Long> acceptedAt() {
		return acceptedAt;
	}

	@Override
	public long pid() {
		return process.pid();
	}

	@Override
	public long messages() {
		return messages.get();
	}

	@Override
	public void close() {
		process.destroy();
	}

}
