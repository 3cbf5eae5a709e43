package io.domainpush.notifier.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback whose behaviour is scripted, so the notifier's handling
 * of SMTP is tested over the wire: replies to RCPT TO (e.g. 451 then 250, or 550), a
 * reset connection instead of an answer to QUIT, a recipient whose RCPT is held until the
 * test releases it, a slow answer to the end of DATA, a message size limit (SIZE, 552),
 * and outages (the port refuses connections until {@link #up()}). Each connection is
 * served on its own thread, as a real server does.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	private final int port;

	private volatile ServerSocket socket;

	private final Queue<String> recipientReplies = new ConcurrentLinkedQueue<>();

	private final AtomicInteger quitResets = new AtomicInteger();

	private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

	private final Map<String, String> standingReplies = new ConcurrentHashMap<>();

	private final List<String> accepted = new CopyOnWriteArrayList<>();

	private final List<String> attempts = new CopyOnWriteArrayList<>();

	private volatile Duration endOfDataDelay = Duration.ZERO;

	private volatile int sizeLimit;

	private volatile long lastActivity = System.nanoTime();

	/** A server on a free loopback port. */
	static ScriptedSmtpServer started() {
		try {
			return new ScriptedSmtpServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	ScriptedSmtpServer() throws IOException {
		socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		port = socket.getLocalPort();
		serve(socket);
	}

	int port() {
		return port;
	}

	/**
	 * Replies to the next RCPT TO commands, in order; afterwards every recipient is
	 * accepted.
	 */
	void script(String... replies) {
		recipientReplies.addAll(List.of(replies));
	}

	/** Every RCPT TO for {@code recipient} gets {@code reply}, from now on. */
	void alwaysReply(String recipient, String reply) {
		standingReplies.put(recipient, reply);
	}

	/**
	 * The next {@code times} QUIT commands get no reply: the connection is reset instead.
	 */
	void resetOnQuit(int times) {
		quitResets.addAndGet(times);
	}

	/**
	 * RCPT TO for {@code recipient} gets no answer until the returned latch is counted
	 * down.
	 */
	CountDownLatch hold(String recipient) {
		CountDownLatch release = new CountDownLatch(1);
		held.put(recipient, release);
		return release;
	}

	/** Every end of DATA is answered only after {@code delay}, from now on. */
	void delayEndOfData(Duration delay) {
		endOfDataDelay = delay;
	}

	/**
	 * Messages larger than {@code bytes} are refused with 552 after DATA (and EHLO
	 * advertises the limit); 0 lifts it.
	 */
	void limitSize(int bytes) {
		sizeLimit = bytes;
	}

	/** The server goes away: connections to its port are refused until {@link #up()}. */
	void down() throws IOException {
		socket.close();
	}

	void up() throws IOException {
		ServerSocket reopened = new ServerSocket();
		reopened.setReuseAddress(true);
		reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		socket = reopened;
		serve(reopened);
	}

	/** Full text of every message the server accepted (250 after DATA). */
	List<String> accepted() {
		return accepted;
	}

	/** How many accepted messages carry this Message-ID. */
	long acceptedCopies(String messageId) {
		return accepted.stream().filter(m -> m.contains("Message-ID: " + messageId)).count();
	}

	/**
	 * Waits until no command has arrived for {@code quiet}: a message still on its way is
	 * then counted by {@link #acceptedCopies}.
	 */
	void awaitQuiet(Duration quiet) {
		org.awaitility.Awaitility.await()
			.atMost(quiet.multipliedBy(20))
			.until(() -> System.nanoTime() - lastActivity >= quiet.toNanos());
	}

	/** Recipients of every RCPT TO, accepted or not. */
	List<String> attempts() {
		return attempts;
	}

	private void serve(ServerSocket server) {
		Thread thread = new Thread(() -> {
			while (!server.isClosed()) {
				try {
					Socket client = server.accept();
					Thread connection = new Thread(() -> {
						try (client) {
							client.setSoTimeout(10_000);
							converse(client);
						}
						catch (IOException ex) {
							// connection ended
						}
					}, "scripted-smtp-connection");
					connection.setDaemon(true);
					connection.start();
				}
				catch (IOException ex) {
					// server closed
				}
			}
		}, "scripted-smtp");
		thread.setDaemon(true);
		thread.start();
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		OutputStream out = client.getOutputStream();
		reply(out, "220 scripted ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			lastActivity = System.nanoTime();
			String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
			switch (command) {
				case "EHLO", "HELO" ->
					reply(out, sizeLimit > 0 ? "250-scripted\r\n250 SIZE " + sizeLimit : "250 scripted");
				case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
				case "RCPT" -> {
					String recipient = line.substring(line.indexOf(':') + 1).trim();
					String address = recipient.replaceAll("[<>]", "");
					attempts.add(recipient);
					awaitRelease(held.get(address));
					String scripted = standingReplies.containsKey(address) ? standingReplies.get(address)
							: recipientReplies.poll();
					reply(out, scripted == null ? "250 OK" : scripted);
				}
				case "DATA" -> {
					reply(out, "354 go ahead");
					StringBuilder message = new StringBuilder();
					while ((line = in.readLine()) != null && !line.equals(".")) {
						message.append(line).append('\n');
					}
					pause(endOfDataDelay);
					lastActivity = System.nanoTime();
					if (sizeLimit > 0 && message.length() > sizeLimit) {
						reply(out, "552 5.3.4 message size exceeds fixed maximum message size");
					}
					else {
						accepted.add(message.toString());
						reply(out, "250 queued");
					}
				}
				case "QUIT" -> {
					if (quitResets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
						client.setSoLinger(true, 0); // close sends RST: the client's read
														// of the reply fails
						return;
					}
					reply(out, "221 bye");
					return;
				}
				default -> reply(out, "502 not implemented");
			}
		}
	}

	private static void pause(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			// the server's own slowness, part of the scenario: not a test waiting for
			// something
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitRelease(CountDownLatch release) {
		if (release == null) {
			return;
		}
		try {
			release.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
