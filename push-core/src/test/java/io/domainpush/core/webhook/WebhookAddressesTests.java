package io.domainpush.core.webhook;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which webhook URLs are refused, and why. */
class WebhookAddressesTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
			"169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255",
			"240.0.0.1", "198.18.0.1", "192.0.2.1", "::1", "::", "fd12:3456::1", "fc00::1", "fe80::1",
			"::ffff:10.0.0.1", "::ffff:169.254.169.254", "2001:db8::1", "ff02::1",
			// addresses that translate to IPv4 addresses (internal ones too) or reach
			// nowhere public: NAT64, 6to4, Teredo, IPv4-compatible, ORCHIDv2, site local
			"64:ff9b::a00:1", "64:ff9b::808:808", "64:ff9b:1::1", "2002:a00:1::1", "2002:808:808::1", "2001::1",
			"2001:0:4136:e378:8000:63bf:3fff:fdd2", "::8.8.8.8", "::10.0.0.1", "2001:20::1", "fec0::1" })
	void shouldNotCountInternalAddressesAsPublic(String address) throws Exception {
		assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1",
			"2606:4700:4700::1111", "::ffff:8.8.8.8" })
	void shouldCountPublicAddressesAsPublic(String address) throws Exception {
		assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).isTrue();
	}

	@Test
	void shouldRefuseUrlsByTheirFormWhateverTheNetworkSetting() {
		for (String url : new String[] { "ftp://example.com/x", "file:///etc/passwd", "https://user:pw@example.com/",
				"https:///nohost", "https://example.com/x#frag", "not a url", "" }) {
			assertThatThrownBy(() -> WebhookAddresses.check(url, true)).as(url)
				.isInstanceOf(WebhookAddresses.Refused.class);
		}
		assertThatThrownBy(() -> WebhookAddresses.check("https://example.com/" + "a".repeat(2000), true))
			.hasMessageContaining("longer than 2000");
	}

	@Test
	void shouldRefuseInternalHostsUnlessAllowedWithoutSayingWhereTheyResolve() {
		assertThatThrownBy(() -> WebhookAddresses.check("http://127.0.0.1:9/x", false))
			.hasMessage("the host 127.0.0.1 resolves to an address that is not public");
		assertThatThrownBy(() -> WebhookAddresses.check("http://localhost/x", false))
			.hasMessage("the host localhost resolves to an address that is not public");
		assertThat(WebhookAddresses.check("http://127.0.0.1:9/x", true)).hasToString("http://127.0.0.1:9/x");
		assertThat(WebhookAddresses.check("https://93.184.216.34/x", false)).hasHost("93.184.216.34");
	}

}
