package io.domainpush.api.error;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * What Tomcat answers itself, before any filter or servlet runs (a URI it will not
 * decode, headers over its limit): the platform's own error bodies, by audience
 * ({@link ErrorBodies}), never Tomcat's report page with its name and version.
 */
public class ErrorPageValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ErrorBodies.Audience audience = ErrorBodies.Audience.of(request.getRequestURI());
		try {
			response.setContentType(audience.contentType());
			response.getOutputStream()
				.write(ErrorBodies.body(audience, status, status == 400
						? "The request could not be read: check its path and headers." : "The request failed."));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone: nothing to answer
		}
	}

}
