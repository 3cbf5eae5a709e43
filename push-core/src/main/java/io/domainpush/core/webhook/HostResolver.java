package io.domainpush.core.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns an endpoint's host name into its addresses: the system's resolver, a seam for
 * tests that need a resolver which is slow or answers what they choose.
 */
@FunctionalInterface
public interface HostResolver {

	InetAddress[] resolve(String host) throws UnknownHostException;

	static HostResolver system() {
		return InetAddress::getAllByName;
	}

}
