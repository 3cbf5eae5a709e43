package io.domainpush.bench;

import java.util.Map;

/**
 * An SMTP server the benchmark's services send to, as the measurements see it: its port,
 * and when each Message-ID was first accepted.
 */
interface MailSink extends AutoCloseable {

	int port();

	/**
	 * Distinct Message-IDs accepted, with the time (System.currentTimeMillis) each was
	 * first accepted.
	 */
	Map<String, Long> acceptedAt();

	/** Messages accepted (250 after DATA), duplicates included. */
	long messages();

	/** The process the server runs in. */
	long pid();

}
