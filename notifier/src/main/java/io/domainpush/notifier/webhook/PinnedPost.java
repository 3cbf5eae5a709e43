package io.domainpush.notifier.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.domainpush.core.webhook.WebhookAddresses;

/**
 * One HTTP/1.1 POST to an address that was checked, over a connection of its own: to that
 * address, never to a new answer of the name server; over TLS for https, with the host's
 * name for SNI and the certificate's check. The whole exchange (connecting, the TLS
 * handshake, sending, the status line and the headers of the answer) ends within the
 * deadline: a timer closes the socket when it passes. Only the status is read; the
 * answer's body is never read, and the connection is closed after each delivery.
 */
final class PinnedPost {

	/** The most an answer's status line and headers may hold. */
	static final int MAX_HEAD = 16 * 1024;

	private PinnedPost() {
	}

	/**
	 * @return the answer's status code
	 */
	static int send(WebhookAddresses.Target target, Map<String, String> headers, byte[] body, Duration connectTimeout,
			Duration deadline, ScheduledExecutorService timer) throws IOException {
		Socket plain = new Socket();
		AtomicBoolean expired = new AtomicBoolean();
		ScheduledFuture<?> guard = timer.schedule(() -> {
			expired.set(true);
			closeQuietly(plain);
		}, deadline.toMillis(), TimeUnit.MILLISECONDS);
		URI uri = target.uri();
		boolean tls = uri.getScheme().equalsIgnoreCase("https");
		int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
		try (plain) {
			plain.connect(new InetSocketAddress(target.address(), port),
					(int) Math.min(connectTimeout.toMillis(), deadline.toMillis()));
			plain.setSoTimeout((int) deadline.toMillis());
			Socket socket = tls ? secured(plain, uri.getHost(), port) : plain;
			OutputStream out = socket.getOutputStream();
			out.write(head(uri, port, tls, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return status(new BufferedInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			if (expired.get()) {
				throw new SocketTimeoutException("no whole answer within " + deadline);
			}
			throw ex;
		}
		finally {
			guard.cancel(false);
		}
	}

	private static Socket secured(Socket plain, String host, int port) throws IOException {
		SSLSocket socket;
		try {
			socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IOException("TLS is not available", ex);
		}
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!isIpLiteral(host)) {
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private static String head(URI uri, int port, boolean tls, Map<String, String> headers, int length) {
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
		boolean defaultPort = port == (tls ? 443 : 80);
		StringBuilder head = new StringBuilder(512);
		head.append("POST ").append(path).append(query).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("Content-Length: ").append(length).append("\r\n");
		head.append("Connection: close\r\n\r\n");
		return head.toString();
	}

	/** The status code of the answer's status line, its headers read to their end. */
	private static int status(InputStream in) throws IOException {
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
			throw new IOException("the endpoint did not answer HTTP");
		}
		int read = statusLine.length();
		String header;
		while (!(header = line(in)).isEmpty()) {
			read += header.length();
			if (read > MAX_HEAD) {
				throw new IOException("the answer's headers are longer than " + MAX_HEAD + " bytes");
			}
		}
		return Integer.parseInt(parts[1]);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
			if (line.size() > MAX_HEAD) {
				throw new IOException("the answer's headers are longer than " + MAX_HEAD + " bytes");
			}
		}
		if (b < 0 && line.size() == 0) {
			throw new IOException("the endpoint closed the connection without answering");
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private static boolean isIpLiteral(String host) {
		return host.contains(":") || host.matches("[0-9.]+");
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is all that was wanted
		}
	}

}
