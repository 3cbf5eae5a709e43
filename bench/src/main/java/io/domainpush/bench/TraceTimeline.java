package io.domainpush.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.domainpush.core.notification.MessageIds;
import io.domainpush.core.push.PushStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where one push's time goes ({@code --tracing=1.0}): for each push of a set, its trace
 * from Zipkin, every span placed from the trace's first moment (the API's request), and
 * the SMTP server's acceptance of its email on the same axis; then, per span, the median
 * start and end over the pushes, in the order they start.
 */
final class TraceTimeline {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EMAIL_ACCEPTED = "smtp server: 250 after DATA";

	private final String zipkin;

	TraceTimeline(String zipkinBaseUrl) {
		this.zipkin = zipkinBaseUrl;
	}

	/**
	 * @return the table's lines, for the COMPLETED pushes whose domain starts with
	 * {@code prefix}
	 */
	List<String> of(JdbcClient db, String prefix, MailSink mail) throws IOException, InterruptedException {
		Map<String, List<Double>> starts = new LinkedHashMap<>();
		Map<String, List<Double>> ends = new LinkedHashMap<>();
		List<Map.Entry<String, String>> traces = db.sql("""
				select split_part(n.trace_parent, '-', 2), p.push_id::text
				  from pushes p join notifications n on n.push_id = p.push_id
				 where p.domain_name like :prefix and p.status = :completed and n.trace_parent is not null""")
			.param("prefix", prefix + "%")
			.param("completed", PushStatus.COMPLETED.name())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list();
		if (!traces.isEmpty()) {
			// spans are exported in batches a second apart: wait for the last push's
			// email
			// span
			String last = traces.get(traces.size() - 1).getKey();
			Processes.waitFor(() -> spansOf(last).toString().contains("\"notifier\""), Duration.ofSeconds(30));
		}
		for (Map.Entry<String, String> trace : traces) {
			JsonNode spans = get("/api/v2/trace/" + trace.getKey());
			double first = Double.MAX_VALUE;
			for (JsonNode span : spans) {
				first = Math.min(first, span.get("timestamp").asLong() / 1000.0);
			}
			Map<String, Boolean> seen = new LinkedHashMap<>();
			for (JsonNode span : spans) {
				String name = span.path("localEndpoint").path("serviceName").asString("?") + ": "
						+ span.path("name").asString("?");
				if (seen.putIfAbsent(name, true) == null) {
					double start = span.get("timestamp").asLong() / 1000.0 - first;
					starts.computeIfAbsent(name, k -> new ArrayList<>()).add(start);
					ends.computeIfAbsent(name, k -> new ArrayList<>())
						.add(start + span.path("duration").asLong(0) / 1000.0);
				}
			}
			Long accepted = mail.acceptedAt().get(MessageIds.of(java.util.UUID.fromString(trace.getValue())));
			if (accepted != null) {
				starts.computeIfAbsent(EMAIL_ACCEPTED, k -> new ArrayList<>()).add(accepted - first);
				ends.computeIfAbsent(EMAIL_ACCEPTED, k -> new ArrayList<>()).add(accepted - first);
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add(String.format("%-60s %10s %10s %6s", "span (service: name), " + traces.size() + " traces",
				"start p50", "end p50", "count"));
		starts.keySet()
			.stream()
			.sorted(Comparator.comparingDouble(name -> CostCurves.percentile(starts.get(name), 0.5)))
			.forEach(name -> lines
				.add(String.format("%-60s %8.1fms %8.1fms %6d", name, CostCurves.percentile(starts.get(name), 0.5),
						CostCurves.percentile(ends.get(name), 0.5), starts.get(name).size())));
		return lines;
	}

	private JsonNode spansOf(String traceId) {
		try {
			return get("/api/v2/trace/" + traceId);
		}
		catch (IOException ex) {
			return JSON.createArrayNode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return JSON.createArrayNode();
		}
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(zipkin + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("Zipkin answered " + response.statusCode() + " to " + path);
		}
		return JSON.readTree(response.body());
	}

}
