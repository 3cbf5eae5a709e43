package io.domainpush.bench;

import java.io.IOException;

/**
 * The paths the network faults act on ({@code faults --network}). One worker
 * ({@value #FAULTED_WORKER}) reaches PostgreSQL from a loopback address of its own
 * ({@value #WORKER_ADDRESS}, so a black hole can cut it alone) and Kafka through a
 * listener of its own; push-api reaches Kafka through a relay ({@link TcpRelay}) in front
 * of another listener, and every service reaches PostgreSQL through a relay; the SMTP
 * sink and a webhook endpoint are the notifier's. Black holes need nftables as root
 * ({@link NetFilter}); without them those scenarios say so and are skipped, never passed.
 */
final class NetworkLab implements AutoCloseable {

	static final String FAULTED_WORKER = "push-worker-1";

	static final String WORKER_ADDRESS = "127.0.0.7";

	final TcpRelay database;

	final TcpRelay apiKafka;

	/** The faulted worker's Kafka listener (bound and advertised on this port). */
	final int workerKafkaPort;

	/** push-api's Kafka listener, behind {@link #apiKafka}. */
	final int apiKafkaPort;

	final WebhookSink hooks;

	/** Null where black holes cannot be made ({@link #unavailable}). */
	final NetFilter filter;

	/** Why black holes cannot be made here; null when they can. */
	final String unavailable;

	NetworkLab(int databasePort) throws IOException {
		this.database = new TcpRelay(databasePort);
		this.apiKafkaPort = Processes.freePort();
		this.apiKafka = new TcpRelay(apiKafkaPort);
		this.workerKafkaPort = Processes.freePort();
		this.hooks = new WebhookSink();
		this.unavailable = NetFilter.unavailable();
		this.filter = unavailable == null ? new NetFilter() : null;
	}

	@Override
	public void close() throws IOException {
		database.close();
		apiKafka.close();
		hooks.close();
		if (filter != null) {
			filter.close();
		}
	}

}
