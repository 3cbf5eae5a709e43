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
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.domainpush.core.crash.CrashPoints;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message ends within its deadline, whatever the server does: the write timeout
 * still bounds an attempt when every connection shares one timer thread (a server that
 * stops reading in the middle of a message fails it after the write timeout, not after
 * the much longer read timeout or never), and a server that answers, but too slowly for
 * the deadline, has the connection closed under it.
 */
class SmtpSenderTests {

	@Test
	void shouldFailAMessageWhenTheServerStopsReadingItWithinTheWriteTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread serving = new Thread(() -> stopReadingAfterData(server, release));
			serving.setDaemon(true);
			serving.start();
			SmtpSender sender = sender(server, Duration.ofMinutes(5), "mail.smtp.writetimeout", "500");
			try (SmtpConnection connection = sender.connection()) {
				long start = System.nanoTime();
				SmtpFailure failure = connection.send(largeMessage(sender.session()));
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(failure).isNotNull();
				assertThat(failure.answered()).isFalse();
				assertThat(took).as("ended by the write timeout, not the read timeout")
					.isLessThan(Duration.ofSeconds(30));
			}
			finally {
				release.countDown();
				sender.destroy();
			}
		}
	}

	@Test
	void shouldFailAMessageThatOutlivesItsDeadlineThoughTheServerAnswersWithinEveryTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread serving = new Thread(() -> answerSlowly(server, release));
			serving.setDaemon(true);
			serving.start();
			SmtpSender sender = sender(server, Duration.ofSeconds(1));
			try (SmtpConnection connection = sender.connection()) {
				long start = System.nanoTime();
				SmtpFailure failure = connection.send(message(sender.session(), "small"));
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(failure).isNotNull();
				assertThat(failure.answered()).isFalse();
				assertThat(failure.description()).contains("no answer within PT1S");
				assertThat(took).as("ended by the deadline").isLessThan(Duration.ofSeconds(5));
				assertThat(connection.send(message(sender.session(), "next")))
					.as("a later message is not tried on a connection that failed")
					.isSameAs(failure);
			}
			finally {
				release.countDown();
				sender.destroy();
			}
		}
	}

	/** More than loopback's socket buffers can hold while nobody reads. */
	private static MimeMessage largeMessage(Session session) throws Exception {
		return message(session, "x".repeat(76).concat("\r\n").repeat(400_000));
	}

	private static MimeMessage message(Session session, String text) throws Exception {
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("from@example.com"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("to@example.com"));
		message.setSubject("test");
		message.setText(text);
		message.saveChanges();
		return message;
	}

	/**
	 * A sender to {@code server} whose every read waits a minute, with
	 * {@code sendDeadline} and the given Jakarta Mail settings.
	 */
	private static SmtpSender sender(ServerSocket server, Duration sendDeadline, String... settings) {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(server.getLocalPort());
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.timeout", "60000");
		for (int i = 0; i < settings.length; i += 2) {
			properties.setProperty(settings[i], settings[i + 1]);
		}
		mail.setJavaMailProperties(properties);
		return new SmtpSender(mail, CrashPoints.none(), properties(sendDeadline));
	}

	private static NotifierProperties properties(Duration sendDeadline) {
		return properties(sendDeadline, 2_000_000);
	}

	/** The defaults, with a digest's attachment limited to {@code maxAttachmentBytes}. */
	static NotifierProperties properties(int maxAttachmentBytes) {
		return properties(Duration.ofSeconds(30), maxAttachmentBytes);
	}

	private static NotifierProperties properties(Duration sendDeadline, int maxAttachmentBytes) {
		return new NotifierProperties("from@example.com", 200, sendDeadline,
				new NotifierProperties.Retry(Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofMinutes(15),
						Duration.ofSeconds(5), Duration.ofMinutes(10)),
				new NotifierProperties.Digest(maxAttachmentBytes), "https://push.example.com/");
	}

	/**
	 * Answers every command, but the greeting and each reply only after 2 seconds: no
	 * read waits near its timeout, yet a message takes many seconds.
	 */
	private static void answerSlowly(ServerSocket server, CountDownLatch release) {
		try (Socket client = server.accept()) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			OutputStream out = client.getOutputStream();
			slowReply(out, "220 slow ESMTP", release);
			String line;
			while ((line = in.readLine()) != null) {
				slowReply(out, line.toUpperCase().startsWith("DATA") ? "354 go ahead" : "250 OK", release);
			}
		}
		catch (IOException ex) {
			// the client gave up
		}
	}

	private static void slowReply(OutputStream out, String text, CountDownLatch release) throws IOException {
		try {
			// the server's slowness is the scenario; the test ends it
			if (release.await(2, TimeUnit.SECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		reply(out, text);
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
