package io.domainpush.notifier.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.config.CrashPoints;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write timeout still bounds an attempt when every connection shares one timer
 * thread: a server that stops reading in the middle of a message fails that message after
 * the write timeout, not after the (much longer) read timeout or never.
 */
class SmtpSenderTests {

	@Test
	void shouldFailAMessageWhenTheServerStopsReadingItWithinTheWriteTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread serving = new Thread(() -> stopReadingAfterData(server, release));
			serving.setDaemon(true);
			serving.start();
			JavaMailSenderImpl mail = new JavaMailSenderImpl();
			mail.setHost("127.0.0.1");
			mail.setPort(server.getLocalPort());
			Properties properties = new Properties();
			properties.setProperty("mail.smtp.timeout", "60000");
			properties.setProperty("mail.smtp.writetimeout", "500");
			mail.setJavaMailProperties(properties);
			SmtpSender sender = new SmtpSender(mail, CrashPoints.none());
			try {
				long start = System.nanoTime();
				Map<String, SmtpFailure> failures = sender.send(Map.of("big", largeMessage(sender.session())));
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(failures).containsKey("big");
				assertThat(failures.get("big").answered()).isFalse();
				assertThat(took).as("ended by the write timeout, not the read timeout")
					.isLessThan(Duration.ofSeconds(30));
			}
			finally {
				release.countDown();
				sender.destroy();
			}
		}
	}

	/** More than loopback's socket buffers can hold while nobody reads. */
	private static MimeMessage largeMessage(Session session) throws Exception {
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("from@example.com"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("to@example.com"));
		message.setSubject("large");
		message.setText("x".repeat(76).concat("\r\n").repeat(400_000));
		message.saveChanges();
		return message;
	}

	private static void stopReadingAfterData(ServerSocket server, CountDownLatch release) {
		try (Socket client = server.accept()) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			OutputStream out = client.getOutputStream();
			reply(out, "220 stalls ESMTP");
			String line;
			while ((line = in.readLine()) != null) {
				if (line.toUpperCase().startsWith("DATA")) {
					reply(out, "354 go ahead");
					// reads nothing more: the client's writes fill the socket buffers and
					// block
					release.await(2, TimeUnit.MINUTES);
					return;
				}
				reply(out, "250 OK");
			}
		}
		catch (IOException ex) {
			// the client gave up
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
