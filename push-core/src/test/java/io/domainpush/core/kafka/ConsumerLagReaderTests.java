package io.domainpush.core.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * With the broker down, a measurement gives up after its budget: the lag endpoint answers
 * 503 within 5 s and the metrics refresh never holds its scheduler thread for the
 * clients' default minute.
 */
class ConsumerLagReaderTests {

	@Test
	void shouldGiveUpWithinItsBudgetWhenNoBrokerAnswers() throws IOException {
		ConsumerLagReader reader = readerOf(deadAddress(), Duration.ofSeconds(3));
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("cannot read consumer lag"));
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatThrownBy(reader::deadLetters).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("cannot read dead-letter topics"));
	}

	private static ConsumerLagReader readerOf(String bootstrap, Duration budget) {
		return new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), Clock.systemUTC(), budget);
	}

	/**
	 * A loopback port nobody listens on: connections are refused, as with a broker that
	 * is down.
	 */
	private static String deadAddress() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "127.0.0.1:" + socket.getLocalPort();
		}
	}

}
