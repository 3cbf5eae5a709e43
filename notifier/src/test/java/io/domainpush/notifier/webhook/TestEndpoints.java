package io.domainpush.notifier.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook receivers on one loopback port, over raw sockets so a misbehaving one can be
 * played exactly: a path starting {@code /stall} answers a status line and then sends
 * nothing more (its headers never end); {@code /silent-body} answers the headers of a
 * 1,000,000-byte body and then sends nothing more; any other path answers 204 at once.
 * Every request's {@code webhook-id} is recorded, with how many requests carrying it were
 * open at the same time.
 */
final class TestEndpoints implements AutoCloseable {

	private final ServerSocket server;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	private final Map<String, Integer> mostOpen = new ConcurrentHashMap<>();

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	TestEndpoints() throws IOException {
		server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "test-endpoints");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getLocalPort() + path;
	}

	/** The {@code webhook-id} of every request received, in order. */
	List<String> received() {
		return received;
	}

	long receivedCopies(String webhookId) {
		return received.stream().filter(webhookId::equals).count();
	}

	/** Requests open right now: received and not yet answered whole. */
	int openNow() {
		return open.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/** The most requests carrying one {@code webhook-id} that were open at once. */
	int mostOpenAtOnce(String webhookId) {
		return mostOpen.getOrDefault(webhookId, 0);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				connections.add(client);
				Thread thread = new Thread(() -> serve(client), "test-endpoint");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			InputStream in = new BufferedInputStream(client.getInputStream());
			OutputStream out = client.getOutputStream();
			while (true) {
				Request request = Request.read(in);
				if (request == null) {
					return;
				}
				received.add(request.webhookId());
				AtomicInteger openNow = open.computeIfAbsent(request.webhookId(), id -> new AtomicInteger());
				mostOpen.merge(request.webhookId(), openNow.incrementAndGet(), Math::max);
				try {
					boolean stall = request.path().startsWith("/stall");
					if (stall || request.path().startsWith("/silent-body")) {
						out.write((stall ? "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n"
								: "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
							.getBytes(StandardCharsets.US_ASCII));
						out.flush();
						// nothing more: the request stays open until the client gives up
						while (in.read() >= 0) {
							// the client sends nothing more either
						}
						return;
					}
					out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				finally {
					openNow.decrementAndGet();
				}
			}
		}
		catch (IOException ex) {
			// the client closed the connection
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		for (Socket connection : connections) {
			connection.close();
		}
	}

	private record Request(String path, String webhookId) {

		static Request read(InputStream in) throws IOException {
			String requestLine = line(in);
			if (requestLine == null || requestLine.isEmpty()) {
				return null;
			}
			String webhookId = null;
			int length = 0;
			String header;
			while ((header = line(in)) != null && !header.isEmpty()) {
				String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(header.indexOf(':') + 1).trim();
				if (name.equals("webhook-id")) {
					webhookId = value;
				}
				else if (name.equals("content-length")) {
					length = Integer.parseInt(value);
				}
			}
			in.readNBytes(length);
			return new Request(requestLine.split(" ")[1], webhookId);
		}

		private static String line(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) >= 0 && b != '\n') {
				if (b != '\r') {
					line.write(b);
				}
			}
			return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
		}

	}

}
