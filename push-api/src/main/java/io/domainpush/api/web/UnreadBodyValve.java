package io.domainpush.api.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a response, Tomcat reads ("swallows") whatever is left of the request body so
 * that the connection can serve another request, blocking a thread until those bytes come
 * or the read times out. For a request the {@link RequestBodyFilter} refused before
 * admitting it, or whose body did not come in time, that wait would hand a slow client a
 * thread per connection: this valve tells Tomcat not to wait, and the connection is
 * closed after the answer instead. Every other body is read to its end by the filter.
 */
final class UnreadBodyValve extends ValveBase {

	private static final String DROP = UnreadBodyValve.class.getName() + ".drop";

	UnreadBodyValve() {
		super(true);
	}

	/** Marks a request whose unread body is not worth waiting for. */
	static void dropUnreadBody(ServletRequest request) {
		request.setAttribute(DROP, Boolean.TRUE);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			if (request.getAttribute(DROP) != null && !request.isAsync() && !bodyFullyRead(request)) {
				request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}
	}

	private static boolean bodyFullyRead(Request request) {
		AtomicBoolean fullyRead = new AtomicBoolean(true);
		request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
		return fullyRead.get();
	}

}
