package io.domainpush.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast SMTP server for the benchmark: speaks enough SMTP for Jakarta Mail, accepts
 * every message, keeps only its Message-ID and when it was accepted. GreenMail parses and
 * stores every message and would measure itself rather than the pipeline.
 */
final class SmtpSink implements AutoCloseable {

	private final int port;

	private volatile ServerSocket socket;

	private final ExecutorService connections = Executors.newCachedThreadPool();

	private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

	private final AtomicLong messages = new AtomicLong();

	private final Map<String, Integer> copies = new ConcurrentHashMap<>();

	/**
	 * Faults by recipient, for the fault suite: each address misbehaves on its first
	 * attempts ("tempfail" 4xx, "stall" past the read timeout, "drop" the connection
	 * after DATA), "reject" always gets 5xx, and a connection that carried "quitfail" is
	 * reset instead of answering QUIT.
	 */
	private final Map<String, java.util.concurrent.atomic.AtomicInteger> attempts = new ConcurrentHashMap<>();

	SmtpSink() throws IOException {
		socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		port = socket.getLocalPort();
		accept(socket);
	}

	int port() {
		return port;
	}

	/** An outage: connections to the port are refused until {@link #restart()}. */
	void stop() throws IOException {
		socket.close();
	}

	void restart() throws IOException {
		ServerSocket reopened = new ServerSocket();
		reopened.setReuseAddress(true);
		reopened.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
		socket = reopened;
		accept(reopened);
	}

	/** Messages accepted per Message-ID, duplicates counted. */
	Map<String, Integer> copies() {
		return copies;
	}

	private void accept(ServerSocket server) {
		Thread acceptor = new Thread(() -> acceptLoop(server), "smtp-sink");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Messages accepted (250 after DATA), duplicates included. */
	long messages() {
		return messages.get();
	}

	/**
	 * Distinct Message-IDs accepted, with the time (System.currentTimeMillis) each was
	 * first accepted.
	 */
	Map<String, Long> acceptedAt() {
		return acceptedAt;
	}

	private void acceptLoop(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				connections.execute(() -> converse(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void converse(Socket client) {
		try (client) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream out = client.getOutputStream();
			reply(out, "220 sink ESMTP");
			String line;
			String recipient = "";
			boolean resetOnQuit = false;
			while ((line = in.readLine()) != null) {
				String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				if (command.equals("RCPT")) {
					recipient = line.toLowerCase();
					int attempt = attempts
						.computeIfAbsent(recipient, r -> new java.util.concurrent.atomic.AtomicInteger())
						.incrementAndGet();
					resetOnQuit |= recipient.contains("quitfail");
					if (recipient.contains("reject")) {
						reply(out, "550 5.1.1 mailbox unavailable");
						continue;
					}
					if (recipient.contains("tempfail") && attempt <= 2) {
						reply(out, "451 4.3.0 try again later");
						continue;
					}
					if (recipient.contains("stall") && attempt <= 1) {
						Thread.sleep(15_000); // longer than the notifier's read timeout
					}
					reply(out, "250 OK");
				}
				else if (command.equals("DATA")) {
					reply(out, "354 go ahead");
					String messageId = null;
					while ((line = in.readLine()) != null && !line.equals(".")) {
						if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
							messageId = line.substring(11).trim();
						}
					}
					if (recipient.contains("drop") && attempts.get(recipient).get() <= 1) {
						return; // the connection breaks after DATA, before the server's
								// answer
					}
					if (messageId != null) {
						acceptedAt.putIfAbsent(messageId, System.currentTimeMillis());
						copies.merge(messageId, 1, Integer::sum);
					}
					messages.incrementAndGet();
					reply(out, "250 queued");
				}
				else if (command.equals("QUIT")) {
					if (resetOnQuit) {
						client.setSoLinger(true, 0); // the connection is reset instead of
														// 221: closing fails
						return;
					}
					reply(out, "221 bye");
					return;
				}
				else if (command.equals("EHLO") || command.equals("HELO")) {
					reply(out, "250 sink");
				}
				else {
					reply(out, "250 OK");
				}
			}
		}
		catch (IOException ex) {
			// client went away
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
		connections.shutdownNow();
	}

}
