package io.domainpush.api.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Whom push-api believes about the client: {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} are read only on connections from
 * {@code push.api.trusted-proxies} (the addresses of the reverse proxies in front of it;
 * none by default, so a client can never choose the address its throttles count, nor make
 * a plain connection look like TLS). Behind such a proxy, a request's address is the
 * client's, and a request that came over TLS to the proxy is secure (its cookies
 * {@code Secure}).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final Settings settings;

	TrustedProxies(Settings settings) {
		this.settings = settings;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (settings.trustedProxies().isEmpty()) {
			return;
		}
		RemoteIpValve valve = new RemoteIpValve();
		valve.setInternalProxies(
				settings.trustedProxies().stream().map(Pattern::quote).collect(Collectors.joining("|")));
		valve.setTrustedProxies(null);
		valve.setRemoteIpHeader("X-Forwarded-For");
		valve.setProtocolHeader("X-Forwarded-Proto");
		factory.addEngineValves(valve);
	}

	/**
	 * @param trustedProxies the exact addresses (e.g. {@code 10.0.0.5}) whose forwarded
	 * headers are believed
	 */
	@ConfigurationProperties("push.api")
	record Settings(@DefaultValue List<String> trustedProxies) {
	}

}
