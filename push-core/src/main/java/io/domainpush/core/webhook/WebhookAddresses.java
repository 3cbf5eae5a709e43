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
 * docs/decisions.md.) A refusal does not say which address the name resolved to.
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
		return allowPrivateNetworks ? parse(url) : target(url, false, resolver).uri();
	}

	/**
	 * The URL checked and its host resolved once, for a delivery: the connection goes to
	 * the address checked here, never to a second answer of the name server (a name that
	 * resolves inward only after the check, DNS rebinding, reaches nothing).
	 * @throws Refused with a sentence saying why
	 */
	public static Target target(String url, boolean allowPrivateNetworks, HostResolver resolver) {
		URI uri = parse(url);
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(uri.getHost());
		}
		catch (UnknownHostException ex) {
			throw new Refused("the host " + uri.getHost() + " does not resolve");
		}
		if (addresses.length == 0) {
			throw new Refused("the host " + uri.getHost() + " does not resolve");
		}
		if (!allowPrivateNetworks) {
			for (InetAddress address : addresses) {
				if (!isPublic(address)) {
					// which address it is stays unsaid: the answer must not map the
					// inside
					throw new Refused("the host " + uri.getHost() + " resolves to an address that is not public");
				}
			}
		}
		return new Target(uri, addresses[0]);
	}

	/** Where a delivery goes: the URL, and the checked address its connection goes to. */
	public record Target(URI uri, InetAddress address) {
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
			if (isMappedIpv4(b)) {
				try {
					return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			return !isTranslatingOrReservedIpv6(b);
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

	/** {@code ::ffff:a.b.c.d}: an IPv4 address, judged as one. */
	private static boolean isMappedIpv4(byte[] b) {
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
	}

	/**
	 * Addresses that lead somewhere else than they say, or nowhere public:
	 * IPv4-compatible {@code ::a.b.c.d} (deprecated), NAT64 {@code 64:ff9b::/96} and
	 * {@code 64:ff9b:1::/48} (a translator reaches any IPv4 address, internal ones too),
	 * 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}, ORCHIDv2 {@code 2001:20::/28},
	 * unique local {@code fc00::/7}, documentation {@code 2001:db8::/32}, site local
	 * {@code fec0::/10}.
	 */
	private static boolean isTranslatingOrReservedIpv6(byte[] b) {
		int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
		int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
		boolean firstTwelveZero = true;
		for (int i = 0; i < 12; i++) {
			firstTwelveZero &= b[i] == 0;
		}
		return firstTwelveZero // ::a.b.c.d (and :: and ::1, caught before)
				|| (w0 == 0x0064 && w1 == 0xff9b) // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
				|| w0 == 0x2002 // 6to4
				|| (w0 == 0x2001 && w1 == 0x0000) // Teredo
				|| (w0 == 0x2001 && (w1 & 0xfff0) == 0x0020) // ORCHIDv2
				|| (w0 == 0x2001 && w1 == 0x0db8) // documentation
				|| ((b[0] & 0xfe) == 0xfc) // unique local
				|| (w0 & 0xffc0) == 0xfec0; // site local
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
