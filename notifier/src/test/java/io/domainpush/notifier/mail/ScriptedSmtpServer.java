package io.domainpush.notifier.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on loopback whose replies to RCPT TO are scripted (e.g. 451 then 250, or 550), so
 * the notifier's handling of transient and permanent failures is tested over the wire.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Queue<String> recipientReplies = new ConcurrentLinkedQueue<>();

	private final List<String> accepted = new CopyOnWriteArrayList<>();

	private final List<String> attempts = new CopyOnWriteArrayList<>();

	private final Thread thread;

	ScriptedSmtpServer() throws IOException {
		socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		thread = new Thread(this::serve, "scripted-smtp");
		thread.setDaemon(true);
		thread.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	/** Replies to the next RCPT TO commands, in order; afterwards every recipient is accepted. */
	void script(String... replies) {
		recipientReplies.addAll(List.of(replies));
	}

	/** Full text of every message the server accepted (250 after DATA). */
	List<String> accepted() {
		return accepted;
	}

	/** Recipients of every RCPT TO, accepted or not. */
	List<String> attempts() {
		return attempts;
	}

	private void serve() {
		while (!socket.isClosed()) {
			try (Socket client = socket.accept()) {
				client.setSoTimeout(10_000);
				converse(client);
			}
			catch (IOException ex) {
				// connection ended or server closed
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		OutputStream out = client.getOutputStream();
		reply(out, "220 scripted ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
			switch (command) {
				case "EHLO", "HELO" -> reply(out, "250 scripted");
				case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
				case "RCPT" -> {
					attempts.add(line.substring(line.indexOf(':') + 1).trim());
					String scripted = recipientReplies.poll();
					reply(out, scripted == null ? "250 OK" : scripted);
				}
				case "DATA" -> {
					reply(out, "354 go ahead");
					StringBuilder message = new StringBuilder();
					while ((line = in.readLine()) != null && !line.equals(".")) {
						message.append(line).append('\n');
					}
					accepted.add(message.toString());
					reply(out, "250 queued");
				}
				case "QUIT" -> {
					reply(out, "221 bye");
					return;
				}
				default -> reply(out, "502 not implemented");
			}
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
