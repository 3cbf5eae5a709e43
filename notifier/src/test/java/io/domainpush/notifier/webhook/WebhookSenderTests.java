package io.domainpush.notifier.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.domainpush.core.tracing.Traces;
import io.domainpush.core.delivery.Attempt;
import io.domainpush.core.webhook.DueDelivery;
import io.domainpush.core.webhook.HostResolver;
import io.domainpush.core.webhook.WebhookProperties;
import io.domainpush.core.webhook.WebhookSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One attempt against a real HTTP server on loopback: the address is checked at delivery
 * too (an endpoint registered while private networks were allowed, or whose name now
 * resolves inward, gets nothing), redirects are not followed, an answer that stalls after
 * its headers ends the attempt at the deadline (and its connection), and the signature
 * header matches the specification's example.
 */
class WebhookSenderTests {

	private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	private HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private final List<String> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();

	@BeforeEach
	void server() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
		server.createContext("/hook", exchange -> {
			requests.incrementAndGet();
			hosts.add(exchange.getRequestHeaders().getFirst("Host"));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.createContext("/moved", exchange -> {
			requests.incrementAndGet();
			exchange.getResponseHeaders().add("Location", "/hook");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void shouldRefuseAPrivateAddressAtDeliveryUnlessAllowed() {
		WebhookSecrets secrets = new WebhookSecrets(KEY);
		DueDelivery delivery = delivery(secrets, "/hook");

		Attempt refused = new WebhookSender(properties(false), secrets, HostResolver.system(), Traces.none())
			.send(delivery);

		assertThat(refused.result()).isEqualTo(Attempt.Result.FAILED);
		assertThat(refused.code()).isNull();
		assertThat(refused.error())
			.isEqualTo("refused to deliver: the host 127.0.0.1 resolves to an address that is not public");
		assertThat(requests).hasValue(0);
		assertThat(new WebhookSender(properties(true), secrets, HostResolver.system(), Traces.none()).send(delivery)
			.result()).isEqualTo(Attempt.Result.SENT);
		assertThat(requests).hasValue(1);
	}

	@Test
	void shouldNotFollowRedirects() {
		WebhookSecrets secrets = new WebhookSecrets(KEY);
		Attempt moved = new WebhookSender(properties(true), secrets, HostResolver.system(), Traces.none())
			.send(delivery(secrets, "/moved"));
		assertThat(moved.code()).isEqualTo(302);
		assertThat(moved.result()).isEqualTo(Attempt.Result.FAILED);
		assertThat(requests).hasValue(1);
	}

	@Test
	void shouldTakeAnAnswersStatusWithoutReadingItsBody() throws IOException {
		WebhookSecrets secrets = new WebhookSecrets(KEY);
		try (TestEndpoints endpoints = new TestEndpoints()) {
			DueDelivery delivery = new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), 1001,
					endpoints.url("/silent-body/1"), secrets.seal(WebhookSecrets.generate()), null, "push.completed",
					"{}", 1, Instant.now());
			long start = System.nanoTime();
			Attempt answered = new WebhookSender(properties(true), secrets, HostResolver.system(), Traces.none())
				.send(delivery);
			assertThat(answered.result()).isEqualTo(Attempt.Result.SENT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(5)).until(() -> endpoints.openNow() == 0);
		}
	}

	@Test
	void shouldConnectToTheAddressThatWasCheckedNotToANewAnswerOfTheNameServer() throws IOException {
		WebhookSecrets secrets = new WebhookSecrets(KEY);
		// the name exists only for this resolver, which the sender asks once: a second
		// lookup (the system's) would fail
		HostResolver once = new HostResolver() {

			private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
				if (!host.equals("hooks.rebinding.example") || asked.incrementAndGet() > 1) {
					throw new java.net.UnknownHostException(host);
				}
				return new InetAddress[] { InetAddress.getLoopbackAddress() };
			}

		};
		DueDelivery delivery = new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), 1001,
				"http://hooks.rebinding.example:" + server.getAddress().getPort() + "/hook",
				secrets.seal(WebhookSecrets.generate()), null, "push.completed", "{}", 1, Instant.now());
		assertThat(new WebhookSender(properties(true), secrets, once, Traces.none()).send(delivery).result())
			.isEqualTo(Attempt.Result.SENT);
		assertThat(hosts).containsExactly("hooks.rebinding.example:" + server.getAddress().getPort());
	}

	@Test
	void shouldEndAnAttemptWhoseAnswerStallsBeforeItsHeadersEndByTheDeadline() throws IOException {
		WebhookSecrets secrets = new WebhookSecrets(KEY);
		try (TestEndpoints endpoints = new TestEndpoints()) {
			DueDelivery delivery = new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), 1001,
					endpoints.url("/stall/1"), secrets.seal(WebhookSecrets.generate()), null, "push.completed", "{}", 1,
					Instant.now());
			long start = System.nanoTime();
			Attempt stalled = new WebhookSender(properties(true), secrets, HostResolver.system(), Traces.none())
				.send(delivery);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(stalled.result()).isEqualTo(Attempt.Result.FAILED);
			assertThat(stalled.error()).isEqualTo("no whole answer within PT2S");
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(5)).until(() -> endpoints.openNow() == 0);
		}
	}

	/** The example of the Standard Webhooks specification's README, reproduced. */
	@Test
	void shouldSignAsTheSpecificationsExample() {
		String signature = WebhookSigner.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}",
				List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	private DueDelivery delivery(WebhookSecrets secrets, String path) {
		return new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), 1001,
				"http://127.0.0.1:" + server.getAddress().getPort() + path, secrets.seal(WebhookSecrets.generate()),
				null, "push.completed", "{\"type\":\"push.completed\"}", 1, Instant.now());
	}

	private static WebhookProperties properties(boolean allowPrivate) {
		return new WebhookProperties(KEY, allowPrivate, 10, Duration.ofSeconds(2), Duration.ofSeconds(2),
				Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(1), 5, 8, 2,
				Duration.ofHours(24));
	}

}
