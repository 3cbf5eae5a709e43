package io.domainpush.core.testing;

import java.util.List;

import io.domainpush.core.tracing.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * A real tracer (Micrometer Tracing over the OpenTelemetry SDK, W3C propagation, every
 * trace sampled) whose ended spans are kept in memory to be asserted on.
 */
public final class RecordingTraces {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final Tracer tracer;

	private final Traces traces;

	public RecordingTraces() {
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOn())
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
		io.opentelemetry.api.trace.Tracer otel = provider.get("tests");
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		this.tracer = new OtelTracer(otel, current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		this.traces = new Traces(tracer,
				new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));
	}

	public Traces traces() {
		return traces;
	}

	/** A started span standing for a caller's request; its scope is the caller's. */
	public Span request() {
		return tracer.nextSpan().name("request").start();
	}

	public Tracer.SpanInScope inScope(Span span) {
		return tracer.withSpan(span);
	}

	/** The spans ended so far. */
	public List<SpanData> ended() {
		return exporter.getFinishedSpanItems();
	}

	public SpanData ended(String name) {
		return ended().stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " among " + ended()));
	}

}
