package io.domainpush.core.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may point (server-side request forgery guard): an absolute http or
 * https URL without credentials, whose host resolves only to public addresses. Loopback,
 * private (RFC 1918, fc00::/7), link-local (cloud metadata services live at
 * 169.254.169.254), carrier-grade NAT, "this network", multicast, benchmarking and
 * reserved ranges are refused unless {@code push.webhooks.allow-private-networks}. The
 * check runs at registration and again before each delivery, after DNS resolution, so a
 * name that later resolves inward is caught at its next delivery. (A name that changes
 * between this check and the connection itself, milliseconds later, is not: see
 * docs/decisions.md.)
 */
public final class WebhookAddresses {

	public static final int MAX_URL_LENGTH = 2000;

	private WebhookAddresses() {
	}

	/**
	 * @return the URL, checked
	 * @throws Refused with a sentence saying why
	 */
	public static URI check(String url, boolean allowPrivateNetworks) {
		return check(url, allowPrivateNetworks, HostResolver.system());
	}

	/**
	 * @return the URL, checked, its host resolved by {@code resolver}
	 * @throws Refused with a sentence saying why
	 */
	public static URI check(String url, boolean allowPrivateNetworks, HostResolver resolver) {
		URI uri = parse(url);
		if (allowPrivateNetworks) {
			return uri;
		}
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(uri.getHost());
		}
		catch (UnknownHostException ex) {
			throw new Refused("the host " + uri.getHost() + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				throw new Refused("the host " + uri.getHost() + " resolves to " + address.getHostAddress()
						+ ", which is not a public address");
			}
		}
		return uri;
	}

	/** The URL's form alone (no DNS): scheme, host, no credentials, no fragment. */
	public static URI parse(String url) {
		if (url == null || url.isBlank()) {
			throw new Refused("url is required");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw new Refused("url is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new Refused("url is not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new Refused("url must start with https:// or http://");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new Refused("url has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new Refused("url must not hold a user name or password");
		}
		if (uri.getRawFragment() != null) {
			throw new Refused("url must not have a fragment (#...)");
		}
		return uri;
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet6Address) {
			if (isMappedOrCompatibleIpv4(b)) {
				try {
					return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			int first = b[0] & 0xff;
			// fc00::/7 unique local, 2001:db8::/32 documentation, fec0::/10 site local
			return (first & 0xfe) != 0xfc
					&& !(first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8);
		}
		if (address instanceof Inet4Address) {
			int a = b[0] & 0xff;
			int c = b[1] & 0xff;
			return !(a == 0 // "this network"
					|| (a == 100 && c >= 64 && c <= 127) // carrier-grade NAT
					|| (a == 192 && c == 0 && (b[2] & 0xff) == 0) // IETF protocol
																	// assignments
					|| (a == 192 && c == 0 && (b[2] & 0xff) == 2) // documentation
					|| (a == 198 && (c == 18 || c == 19)) // benchmarking
					|| (a == 198 && c == 51 && (b[2] & 0xff) == 100) // documentation
					|| (a == 203 && c == 0 && (b[2] & 0xff) == 113) // documentation
					|| a >= 240); // reserved and broadcast
		}
		return false;
	}

	private static boolean isMappedOrCompatibleIpv4(byte[] b) {
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
	}

	/**
	 * A URL a webhook may not use; the message says why, for the person registering it.
	 */
	public static final class Refused extends RuntimeException {

		public Refused(String message) {
			super(message);
		}

	}

}
