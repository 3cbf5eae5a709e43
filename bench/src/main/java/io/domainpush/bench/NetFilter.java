package io.domainpush.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network black holes on loopback with nftables: packets of one path are dropped in both
 * directions, without a reset, as a cable pulled or a firewall that drops would. The
 * rules live in a table of the suite's own ({@value #TABLE}), removed when the suite
 * ends. Needs root and Debian's {@code nftables}; {@link #unavailable()} says why not.
 */
final class NetFilter implements AutoCloseable {

	static final String TABLE = "domainpush_faults";

	private final AtomicInteger holes = new AtomicInteger();

	/** Why black holes cannot be made here; null when they can. */
	static String unavailable() {
		try {
			Result probe = nft("list tables");
			return probe.exit() == 0 ? null : "nft answered " + probe.exit() + ": " + probe.output().strip();
		}
		catch (IOException ex) {
			return "nft is not installed (apt-get install nftables): " + ex.getMessage();
		}
	}

	NetFilter() throws IOException {
		nft("delete table inet " + TABLE);
		require(nft("add table inet " + TABLE), "create the table");
	}

	/**
	 * Drops every packet to or from {@code port} on loopback (a server's port: all its
	 * clients lose it).
	 */
	Hole dropPort(int port) throws IOException {
		return hole("tcp dport " + port + " drop", "tcp sport " + port + " drop");
	}

	/**
	 * Drops the packets between {@code address} (a client bound to its own loopback
	 * address) and {@code port}: that one client loses that server, the others keep it.
	 */
	Hole dropBetween(String address, int port) throws IOException {
		return hole("ip saddr " + address + " tcp dport " + port + " drop",
				"ip daddr " + address + " tcp sport " + port + " drop");
	}

	private Hole hole(String... rules) throws IOException {
		String chain = "hole" + holes.incrementAndGet();
		StringBuilder script = new StringBuilder(
				"add chain inet " + TABLE + " " + chain + " { type filter hook output priority 0; policy accept; }\n");
		for (String rule : rules) {
			script.append("add rule inet ")
				.append(TABLE)
				.append(' ')
				.append(chain)
				.append(' ')
				.append(rule)
				.append('\n');
		}
		require(nftScript(script.toString()), "add " + List.of(rules));
		return new Hole(chain);
	}

	@Override
	public void close() throws IOException {
		nft("delete table inet " + TABLE);
	}

	/** One black hole until it is healed. */
	final class Hole implements AutoCloseable {

		private final String chain;

		private Hole(String chain) {
			this.chain = chain;
		}

		/** The path carries packets again. */
		@Override
		public void close() throws IOException {
			require(nftScript(
					"flush chain inet " + TABLE + " " + chain + "\ndelete chain inet " + TABLE + " " + chain + "\n"),
					"heal " + chain);
		}

	}

	private static void require(Result result, String what) throws IOException {
		if (result.exit() != 0) {
			throw new IOException("nft could not " + what + ": " + result.output().strip());
		}
	}

	private static Result nft(String command) throws IOException {
		return run(List.of("nft", "-f", "-"), command + "\n");
	}

	private static Result nftScript(String script) throws IOException {
		return run(List.of("nft", "-f", "-"), script);
	}

	private static Result run(List<String> command, String input) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("nft did not answer within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int exit, String output) {
	}

}
