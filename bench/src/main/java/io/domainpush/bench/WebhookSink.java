package io.domainpush.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint on loopback that answers 204 to every delivery and counts how often
 * each {@code webhook-id} arrived whole (its body read to the end).
 */
final class WebhookSink implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.AtomicLong lastReceivedAt = new java.util.concurrent.atomic.AtomicLong();

	WebhookSink() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.start();
	}

	int port() {
		return server.getAddress().getPort();
	}

	String url() {
		return "http://127.0.0.1:" + port() + "/hooks";
	}

	/** How often each webhook-id arrived whole. */
	Map<String, AtomicInteger> received() {
		return received;
	}

	/** When (System.currentTimeMillis) the last delivery arrived; 0 before the first. */
	long lastReceivedAt() {
		return lastReceivedAt.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.readAllBytes();
		}
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		if (id != null) {
			received.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			lastReceivedAt.accumulateAndGet(System.currentTimeMillis(), Math::max);
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
