package io.domainpush.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.error.ProblemWriter;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies above the limit with 413 PAYLOAD_TOO_LARGE before anything reads them: by
 * Content-Length when given, and by counting for chunked bodies.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final ApiLimits limits;

	private final ProblemWriter problems;

	RequestSizeLimitFilter(ApiLimits limits, ProblemWriter problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request);
		if (request.getContentLengthLong() > limit) {
			reject(response, limit);
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, limit), response);
		}
		catch (BodyTooLargeException ex) {
			if (!response.isCommitted()) {
				response.resetBuffer();
				reject(response, limit);
			}
		}
	}

	private long limitFor(HttpServletRequest request) {
		if ("POST".equals(request.getMethod())) {
			String uri = request.getRequestURI();
			if (uri.matches("/api/v1/companies/[^/]+/domains/?")) {
				return limits.maxProvisioningBody().toBytes();
			}
			if (uri.matches("/api/v1/push-batches/?")) {
				return limits.maxBatchBody().toBytes();
			}
		}
		return limits.maxBody().toBytes();
	}

	private void reject(HttpServletResponse response, long limit) throws IOException {
		problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds " + limit + " bytes.");
	}

	static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException() {
			super("request body too large", null, false, false);
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), limit);
			}
			return stream;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long count;

		CountingStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(int n) {
			count += n;
			if (count > limit) {
				throw new BodyTooLargeException();
			}
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
