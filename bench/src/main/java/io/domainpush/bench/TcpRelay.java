package io.domainpush.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback standing in front of a server, to give one path latency and
 * loss where the kernel's {@code tc netem} is missing: each chunk read is written on
 * after {@link #latency} milliseconds (in order), and with probability {@link #loss}
 * after a retransmission's delay more ({@value #RETRANSMISSION_MILLIS} ms, the minimum
 * RTO of Linux: a lost segment is resent, the stream waits for it). Off by default: it
 * relays at once.
 */
final class TcpRelay implements AutoCloseable {

	static final int RETRANSMISSION_MILLIS = 200;

	private final ServerSocket server;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/** Added to every chunk, both directions, in milliseconds. */
	volatile int latency;

	/** Share of chunks that wait a retransmission more. */
	volatile double loss;

	TcpRelay(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "relay-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	void slow(int latencyMillis, double lossShare) {
		latency = latencyMillis;
		loss = lossShare;
	}

	void normal() {
		slow(0, 0);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				client.setTcpNoDelay(true);
				target.setTcpNoDelay(true);
				sockets.add(client);
				sockets.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// the relay closed, or the target refused this one connection
			}
		}
	}

	/**
	 * A reader and a writer per direction: chunks leave in order, each when it is due.
	 */
	private void pump(Socket from, Socket to) throws IOException {
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		BlockingQueue<Chunk> due = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[65536];
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					long delay = latency
							+ (ThreadLocalRandom.current().nextDouble() < loss ? RETRANSMISSION_MILLIS : 0);
					due.put(new Chunk(System.nanoTime() + delay * 1_000_000L, Arrays.copyOf(buffer, read)));
				}
			}
			catch (IOException | InterruptedException ex) {
				// the connection ended
			}
			finally {
				due.add(Chunk.END);
			}
		}, "relay-read");
		Thread writer = new Thread(() -> {
			try {
				long lastDue = 0;
				while (true) {
					Chunk chunk = due.take();
					if (chunk == Chunk.END) {
						break;
					}
					// in order: a chunk is never written before the one ahead of it
					long at = Math.max(chunk.dueNanos(), lastDue);
					lastDue = at;
					long wait = at - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					out.write(chunk.bytes());
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// the connection ended
			}
			finally {
				close(from);
				close(to);
			}
		}, "relay-write");
		reader.setDaemon(true);
		writer.setDaemon(true);
		reader.start();
		writer.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// closed already
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		sockets.forEach(TcpRelay::close);
	}

	private record Chunk(long dueNanos, byte[] bytes) {

		static final Chunk END = new Chunk(0, new byte[0]);

	}

}
