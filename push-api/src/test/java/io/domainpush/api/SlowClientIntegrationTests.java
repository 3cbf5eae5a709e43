package io.domainpush.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attack of a slow client: many connections, each announcing a body and sending ten
 * bytes of it, then idling, with and without credentials. Health and a normal
 * authenticated call from another address must keep answering within a second all the
 * while.
 */
@SpringBootTest(classes = PushApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + PushApiApplication.CONFIG_NAME, "push.kafka.partitions=1",
				"push.security.operator-token=" + SlowClientIntegrationTests.OPERATOR })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SlowClientIntegrationTests {

	static final String OPERATOR = "slow-client-test-operator-token-0123456789";

	/**
	 * The attacker's address: loopback, but not the address the well-behaved calls come
	 * from.
	 */
	private static final String ATTACKER = "127.0.0.2";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

	@Test
	void shouldKeepAnsweringHealthAndAuthenticatedCallsWhile400SlowClientsHoldTheirConnections() throws Exception {
		ApiClient api = new ApiClient("http://127.0.0.1:" + port);
		long company = api.post("/api/v1/companies", OPERATOR, ApiClient.json(Map.of("name", "Slow", "cluster", "a")))
			.json()
			.get("company_id")
			.asLong();
		String token = api
			.post("/api/v1/companies/" + company + "/tokens", OPERATOR, ApiClient.json(Map.of("label", "slow")))
			.json()
			.get("token")
			.asString();
		List<Socket> slow = new ArrayList<>();
		try {
			// with a valid token (their bodies would be read) and without one (refused at
			// once, body left unread)
			for (int i = 0; i < 300; i++) {
				slow.add(slowRequest(token));
			}
			for (int i = 0; i < 100; i++) {
				slow.add(slowRequest(null));
			}
			// the server has answered those it refused at once (over the per-address
			// limit, or without credentials)
			await().atMost(Duration.ofSeconds(30)).until(() -> answered(slow) >= slow.size() - 16);
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
				assertThat(call(client, HttpRequest.newBuilder(uri("/actuator/health")).GET())).isEqualTo(200);
				assertThat(call(client, HttpRequest.newBuilder(uri("/api/v1/pushes/precheck"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"x.example\",\"gaining_company_id\":1}"))))
					.isEqualTo(200);
			});
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	/**
	 * Connections on which the server has answered (or which it closed): the others are
	 * held open.
	 */
	private static long answered(List<Socket> sockets) throws IOException {
		long answered = 0;
		for (Socket socket : sockets) {
			socket.setSoTimeout(1);
			try {
				if (socket.getInputStream().read() != 0) {
					answered++; // a byte of the response, or -1: closed
				}
			}
			catch (java.net.SocketTimeoutException stillWaiting) {
				// nothing yet: its body is being waited for
			}
			catch (IOException reset) {
				answered++;
			}
		}
		return answered;
	}

	/** Each call must answer within a second. */
	private static int call(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/**
	 * Announces a 1,000-byte body, sends 10 bytes of it, and keeps the connection open.
	 */
	private Socket slowRequest(String token) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getByName(ATTACKER), 0));
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
		String request = "POST /api/v1/pushes/precheck HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
				+ "Content-Length: 1000\r\n\r\n{\"domain\":";
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
