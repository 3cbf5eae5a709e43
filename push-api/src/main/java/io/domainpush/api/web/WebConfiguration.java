package io.domainpush.api.web;

import io.domainpush.api.error.ProblemWriter;

import org.springdoc.core.customizers.ParameterCustomizer;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * The {@link io.domainpush.api.common.Caller} argument comes from the token, not from
	 * the request: not a parameter.
	 */
	@Bean
	ParameterCustomizer callerIsNoParameter() {
		return (parameter,
				methodParameter) -> methodParameter.getParameterType() == io.domainpush.api.common.Caller.class ? null
						: parameter;
	}

	/** See {@link UnreadBodyValve}: a body nobody reads never holds a thread. */
	/** Tomcat's own error answers in the platform's style (ErrorPageValve). */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatErrorPages() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
				host.setErrorReportValveClass(io.domainpush.api.error.ErrorPageValve.class.getName());
			}
		});
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> unreadBodiesCloseTheConnection() {
		return factory -> factory
			.addContextCustomizers(context -> context.getPipeline().addValve(new UnreadBodyValve()));
	}

	/**
	 * Before Spring Session's filter, which loads the console's session from the
	 * database.
	 */
	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ProblemWriter problems) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DatabaseUnavailableFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(ApiLimits limits, ProblemWriter problems) {
		FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyFilter(limits, problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
