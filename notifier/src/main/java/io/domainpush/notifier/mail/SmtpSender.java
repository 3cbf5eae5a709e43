package io.domainpush.notifier.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

import javax.net.SocketFactory;

import io.domainpush.core.crash.CrashPoints;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Opens SMTP connections ({@link SmtpConnection}) whose every message has a total
 * deadline. Jakarta Mail bounds each read and write but not a conversation: a server that
 * answers each line slowly, or a connection that hangs between two reads, could hold a
 * message for many timeouts. So the connections' sockets are made here, and a timer
 * closes the socket of a message that outlives its deadline.
 */
@Component
class SmtpSender implements DisposableBean {

	/** Jakarta Mail's property naming the timer of write timeouts. */
	static final String WRITE_TIMEOUT_TIMER = "mail.smtp.executor.writetimeout";

	private final JavaMailSenderImpl mail;

	private final CrashPoints crashPoints;

	private final NotifierProperties properties;

	private final ScheduledThreadPoolExecutor timer;

	private final TrackedSockets sockets = new TrackedSockets();

	/**
	 * Gives every connection's write timeout ({@code mail.smtp.writetimeout}) and every
	 * message's deadline one timer thread: without it Jakarta Mail starts a thread per
	 * connection, and each write schedules a task that is cancelled when the write
	 * returns (removed at once here, so the timer's queue holds only what is in
	 * progress).
	 */
	SmtpSender(JavaMailSenderImpl mail, CrashPoints crashPoints, NotifierProperties properties) {
		this.mail = mail;
		this.crashPoints = crashPoints;
		this.properties = properties;
		this.timer = new ScheduledThreadPoolExecutor(1, task -> {
			Thread thread = new Thread(task, "smtp-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		Properties settings = mail.getJavaMailProperties();
		settings.put(WRITE_TIMEOUT_TIMER, timer);
		settings.put("mail.smtp.socketFactory", sockets);
		settings.put("mail.smtp.socketFactory.fallback", "false");
		// the session is made from these properties on first use
		mail.setJavaMailProperties(settings);
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

	jakarta.mail.Session session() {
		return mail.getSession();
	}

	/** A connection, opened by its first message. */
	SmtpConnection connection() {
		return new SmtpConnection(mail, sockets, timer, properties.sendDeadline(), crashPoints);
	}

	/**
	 * Makes plain sockets and hands each to whoever asked for it on the connecting
	 * thread, so its connection can close it when a deadline passes.
	 */
	static final class TrackedSockets extends SocketFactory {

		private final ThreadLocal<Consumer<Socket>> receiver = new ThreadLocal<>();

		/** Runs {@code connecting} with every socket it makes handed to {@code to}. */
		<E extends Exception> void handing(Consumer<Socket> to, ThrowingRunnable<E> connecting) throws E {
			receiver.set(to);
			try {
				connecting.run();
			}
			finally {
				receiver.remove();
			}
		}

		private Socket tracked(Socket socket) {
			Consumer<Socket> to = receiver.get();
			if (to != null) {
				to.accept(socket);
			}
			return socket;
		}

		@Override
		public Socket createSocket() {
			return tracked(new Socket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return tracked(new Socket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return tracked(new Socket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return tracked(new Socket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return tracked(new Socket(address, port, localAddress, localPort));
		}

	}

	@FunctionalInterface
	interface ThrowingRunnable<E extends Exception> {

		void run() throws E;

	}

}
