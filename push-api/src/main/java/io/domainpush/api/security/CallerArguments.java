package io.domainpush.api.security;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A handler's {@code Caller} argument: who the token or the session says is calling. On
 * its own (not in a security configuration) so web slices get it without the filter
 * chains.
 */
@Configuration(proxyBeanMethods = false)
class CallerArguments implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentCaller());
	}

}
