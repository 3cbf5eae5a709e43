package io.domainpush.core.delivery;

/**
 * How to deliver one kind, for one run of attempts: what the attempts share (an SMTP
 * connection, an endpoint's HTTP client) is opened on the first and closed at the end.
 * Every attempt ends within the kind's deadline.
 */
public interface DeliverySession<T extends Queued> extends AutoCloseable {

	Attempt attempt(T item);

	@Override
	void close();

}
