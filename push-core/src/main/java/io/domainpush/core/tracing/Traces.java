package io.domainpush.core.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries a trace across what automatic propagation cannot cross: a row written now and
 * handled later by another process. The outbox and the delivery queues store the W3C
 * {@code traceparent} of the span that wrote the row; the relay, the worker and the
 * notifier start their span from it, so one push is one trace from the HTTP request to
 * its email and webhook. Sampling is decided once, at the trace's start, and travels in
 * the traceparent's flags.
 */
public final class Traces {

	/** The W3C Trace Context header, on Kafka records and webhook requests alike. */
	public static final String TRACEPARENT = "traceparent";

	/** Longer than any traceparent; the schema checks it too. */
	static final int MAX_LENGTH = 128;

	private static final Traces NONE = new Traces(Tracer.NOOP, Propagator.NOOP);

	private final Tracer tracer;

	private final Propagator propagator;

	public Traces(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** No tracing: spans are no-ops and nothing is stored. */
	public static Traces none() {
		return NONE;
	}

	/** The traceparent of the current span; null when there is none. */
	public String current() {
		Span span = tracer.currentSpan();
		return span == null ? null : traceParentOf(span);
	}

	/** The traceparent that makes a span the parent of what continues elsewhere. */
	public String traceParentOf(Span span) {
		Map<String, String> carrier = new HashMap<>(2);
		propagator.inject(span.context(), carrier, Map::put);
		String value = carrier.get(TRACEPARENT);
		return value == null || value.length() > MAX_LENGTH ? null : value;
	}

	/**
	 * A started span continuing the trace of {@code traceParent}; the root of a new trace
	 * when that is null or unreadable.
	 */
	public Span start(String name, Span.Kind kind, String traceParent) {
		Span.Builder builder = traceParent == null ? tracer.spanBuilder()
				: propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get);
		return builder.name(name).kind(kind).start();
	}

	/**
	 * Runs {@code work} in a span continuing {@code traceParent}: log lines carry its
	 * ids, what it stores or sends continues its trace, and a failure marks it.
	 */
	public <T> T inSpan(String name, Span.Kind kind, String traceParent, Supplier<T> work) {
		Span span = start(name, kind, traceParent);
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * The span that is current in this thread, to tag; a no-op span when there is none.
	 */
	public Span currentSpan() {
		Span span = tracer.currentSpan();
		return span == null ? Span.NOOP : span;
	}

	/** The traceparent a Kafka record carries; null when it carries none. */
	public static String traceParentOf(Headers headers) {
		Header header = headers.lastHeader(TRACEPARENT);
		if (header == null || header.value() == null || header.value().length > MAX_LENGTH) {
			return null;
		}
		return new String(header.value(), StandardCharsets.US_ASCII);
	}

}
