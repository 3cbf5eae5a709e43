package io.domainpush.api.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.error.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits request bodies, before anything reads them. A body over its size limit is
 * refused with 413 by Content-Length when given, and by counting otherwise. A body must
 * arrive within {@code max-body-read-time} (408 after). A client address has at most
 * {@code max-bodies-per-address} requests with a body in progress at once (429 beyond):
 * reading a body blocks a thread until its bytes come, so a slow client could otherwise
 * take every thread. "In progress" lasts until the body is read to its end, also when the
 * request was refused without reading it (401, say): the rest is read here, within the
 * time limit, still counted. Requests without a body (health, reads) are never counted. A
 * request refused before admission, or whose body did not come in time, is marked so that
 * Tomcat does not wait for the rest either ({@link UnreadBodyValve}): its connection is
 * closed after the answer.
 */
class RequestBodyFilter extends OncePerRequestFilter {

	private final ApiLimits limits;

	private final ProblemWriter problems;

	private final Map<String, Integer> bodiesInProgress = new ConcurrentHashMap<>();

	RequestBodyFilter(ApiLimits limits, ProblemWriter problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		long limit = limitFor(request);
		if (request.getContentLengthLong() > limit) {
			UnreadBodyValve.dropUnreadBody(request);
			problems.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(limit));
			return;
		}
		String address = request.getRemoteAddr();
		if (!admit(address)) {
			UnreadBodyValve.dropUnreadBody(request);
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			problems.write(request, response, ErrorCode.RATE_LIMITED,
					"Too many requests with a body in progress from this address. Retry after 1 s.");
			return;
		}
		long deadline = System.nanoTime() + limits.maxBodyReadTime().toNanos();
		try {
			chain.doFilter(new LimitedRequest(request, limit, deadline, limits), response);
		}
		finally {
			if (!readToTheEnd(request, deadline)) {
				UnreadBodyValve.dropUnreadBody(request);
			}
			release(address);
		}
	}

	/**
	 * Reads what is left of the body, until {@code deadline}: whether its end was
	 * reached.
	 */
	private static boolean readToTheEnd(HttpServletRequest request, long deadline) {
		try {
			ServletInputStream in = request.getInputStream();
			byte[] rest = new byte[8192];
			while (System.nanoTime() < deadline) {
				if (in.read(rest) < 0) {
					return true;
				}
			}
			return false;
		}
		catch (IllegalStateException readAsText) {
			return true; // read through getReader() by the application, to its end
		}
		catch (IOException brokenOrTimedOut) {
			return false;
		}
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	private boolean admit(String address) {
		boolean[] admitted = { false };
		bodiesInProgress.compute(address, (key, count) -> {
			int current = count == null ? 0 : count;
			if (current >= limits.maxBodiesPerAddress()) {
				return count;
			}
			admitted[0] = true;
			return current + 1;
		});
		return admitted[0];
	}

	private void release(String address) {
		bodiesInProgress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
	}

	private long limitFor(HttpServletRequest request) {
		if ("POST".equals(request.getMethod())) {
			String uri = request.getRequestURI();
			if (uri.matches("/api/v1/companies/[^/]+/domains/?")) {
				return limits.maxProvisioningBody().toBytes();
			}
			if (uri.matches("/api/v1/push-batches/?") || uri.equals("/console/bulk")) {
				return limits.maxBatchBody().toBytes();
			}
		}
		return limits.maxBody().toBytes();
	}

	private static String tooLarge(long limit) {
		return "The request body exceeds " + limit + " bytes.";
	}

	/**
	 * Refusals thrown from the body stream reach the caller as problem+json
	 * (ProblemHandler).
	 */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private final long deadline;

		private final ApiLimits limits;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit, long deadline, ApiLimits limits) {
			super(request);
			this.limit = limit;
			this.deadline = deadline;
			this.limits = limits;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), this);
			}
			return stream;
		}

		void check(long count) {
			if (count > limit) {
				throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(limit));
			}
			if (System.nanoTime() > deadline) {
				throw new ApiException(ErrorCode.REQUEST_TIMEOUT,
						"The request body did not arrive within " + limits.maxBodyReadTime().toSeconds() + " s.");
			}
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final LimitedRequest request;

		private long count;

		CountingStream(ServletInputStream in, LimitedRequest request) {
			this.in = in;
			this.request = request;
		}

		@Override
		public int read() throws IOException {
			request.check(count);
			int b = in.read();
			if (b >= 0) {
				request.check(++count);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			request.check(count);
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count += n;
				request.check(count);
			}
			return n;
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
