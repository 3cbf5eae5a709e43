package io.domainpush.systemtests;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback that plays webhook endpoints: each path answers with the
 * statuses scripted for it, in turn (200 once the script is used up), or holds every
 * request without answering until {@link #release()} ("hang"); it records what arrived.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, Boolean> hanging = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger held = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	void answer(String path, Integer... statuses) {
		scripts.put(path, new ArrayDeque<>(List.of(statuses)));
	}

	void hang(String path) {
		hanging.put(path, true);
	}

	/** Requests being held without an answer right now. */
	int held() {
		return held.get();
	}

	void release() {
		release.countDown();
	}

	List<Received> at(String path) {
		return received.stream().filter(r -> r.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		var headers = exchange.getRequestHeaders();
		received.add(new Received(path, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
				headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"),
				headers.getFirst("traceparent"), body));
		if (hanging.getOrDefault(path, false)) {
			held.incrementAndGet();
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				held.decrementAndGet();
			}
		}
		Deque<Integer> script = scripts.get(path);
		Integer scripted = script == null ? null : script.poll();
		int status = scripted == null ? 200 : scripted;
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		release();
		server.stop(0);
	}

	/**
	 * Registers an endpoint of {@code company} at {@code path} of this receiver for
	 * {@code events}; @return the API's answer (201 asserted)
	 */
	JsonNode register(ApiClient api, Scenario.Company company, String path, String... events) {
		ApiClient.Response created = api.post("/api/v1/companies/" + company.id() + "/webhooks", company.token(),
				ApiClient.json(Map.of("url", url(path), "events", List.of(events))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	record Received(String path, String id, String timestamp, String signature, String contentType, String traceParent,
			String body) {
	}

}
