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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast SMTP server for the benchmark: speaks enough SMTP for Jakarta Mail, accepts
 * every message, keeps only its Message-ID and when it was accepted. GreenMail parses and
 * stores every message and would measure itself rather than the pipeline.
 */
final class SmtpSink implements MailSink {

	private final int port;

	private volatile ServerSocket socket;

	private final ExecutorService connections = Executors.newCachedThreadPool();

	private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

	private final AtomicLong messages = new AtomicLong();

	private final Map<String, Integer> copies = new ConcurrentHashMap<>();

	private volatile java.util.function.ObjLongConsumer<String> onAccepted = (messageId, millis) -> {
	};

	/**
	 * Faults by recipient, for the fault suite: each address misbehaves on its first
	 * attempts ("tempfail" 4xx, "stall" past the read timeout, "drop" the connection
	 * after DATA), "reject" always gets 5xx, and a connection that carried "quitfail" is
	 * reset instead of answering QUIT.
	 */
	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	/** Run once, when the next DATA command arrives (a network fault mid-DATA). */
	private final java.util.concurrent.atomic.AtomicReference<Runnable> atNextData = new java.util.concurrent.atomic.AtomicReference<>();

	SmtpSink() throws IOException {
		socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		port = socket.getLocalPort();
		accept(socket);
	}

	@Override
	public int port() {
		return port;
	}

	/** Told of every message accepted: its Message-ID and when. */
	void onAccepted(java.util.function.ObjLongConsumer<String> listener) {
		this.onAccepted = listener;
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

	/**
	 * Runs {@code hook} once, when the next DATA command arrives, before it is answered.
	 */
	void atNextData(Runnable hook) {
		atNextData.set(hook);
	}

	@Override
	public long pid() {
		return ProcessHandle.current().pid();
	}

	@Override
	public long messages() {
		return messages.get();
	}

	@Override
	public Map<String, Long> acceptedAt() {
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
			Conversation conversation = new Conversation();
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				switch (command) {
					case "RCPT" -> rcpt(out, line, conversation);
					case "DATA" -> {
						if (!data(in, out, conversation)) {
							return; // the connection breaks after DATA, before the
									// server's answer
						}
					}
					case "QUIT" -> {
						quit(client, out, conversation);
						return;
					}
					case "EHLO", "HELO" -> reply(out, "250 sink");
					default -> reply(out, "250 OK");
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

	/**
	 * The recipient's address chooses the behaviour: reject, tempfail (twice), stall
	 * (once), or accept.
	 */
	private void rcpt(OutputStream out, String line, Conversation conversation)
			throws IOException, InterruptedException {
		String recipient = line.toLowerCase();
		conversation.recipient = recipient;
		int attempt = attempts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
		conversation.resetOnQuit |= recipient.contains("quitfail");
		if (recipient.contains("reject")) {
			reply(out, "550 5.1.1 mailbox unavailable");
		}
		else if (recipient.contains("tempfail") && attempt <= 2) {
			reply(out, "451 4.3.0 try again later");
		}
		else {
			if (recipient.contains("stall") && attempt <= 1) {
				Thread.sleep(15_000); // longer than the notifier's read timeout
			}
			reply(out, "250 OK");
		}
	}

	/**
	 * Reads the message and counts its Message-ID; @return false when the connection is
	 * to break instead of answering (the "drop" recipient's first attempt)
	 */
	private boolean data(BufferedReader in, OutputStream out, Conversation conversation) throws IOException {
		Runnable hook = atNextData.getAndSet(null);
		if (hook != null) {
			hook.run();
		}
		reply(out, "354 go ahead");
		String messageId = null;
		String line;
		while ((line = in.readLine()) != null && !line.equals(".")) {
			if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
				messageId = line.substring(11).trim();
			}
		}
		String recipient = conversation.recipient;
		if (recipient.contains("drop") && attempts.get(recipient).get() <= 1) {
			return false;
		}
		if (messageId != null) {
			long now = System.currentTimeMillis();
			acceptedAt.putIfAbsent(messageId, now);
			copies.merge(messageId, 1, Integer::sum);
			onAccepted.accept(messageId, now);
		}
		messages.incrementAndGet();
		reply(out, "250 queued");
		return true;
	}

	private static void quit(Socket client, OutputStream out, Conversation conversation) throws IOException {
		if (conversation.resetOnQuit) {
			client.setSoLinger(true, 0); // the connection is reset instead of 221:
											// closing fails
			return;
		}
		reply(out, "221 bye");
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

	/** What one connection has seen so far. */
	private static final class Conversation {

		String recipient = "";

		boolean resetOnQuit;

	}

}
