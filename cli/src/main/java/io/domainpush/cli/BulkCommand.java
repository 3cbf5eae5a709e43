package io.domainpush.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code push bulk --file domains.csv --to 2002}: submits a batch, shows a live progress
 * bar until it finishes, then a summary by status and code. Exit code 0 if every domain
 * was pushed, 3 if anything was rejected, failed or cancelled, 1 if the API could not be
 * used.
 */
@Command(name = "bulk", mixinStandardHelpOptions = true,
		description = "Push every domain listed in a file (one a line) to another company, and follow the batch.")
class BulkCommand implements Callable<Integer> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Spec
	CommandSpec spec;

	@Option(names = "--file", required = true, description = "Domains, one a line (CSV with one column).")
	Path file;

	@Option(names = "--to", required = true, description = "company_id of the gaining company.")
	long gainingCompanyId;

	@Option(names = "--api", defaultValue = "${env:PUSH_API_URL:-http://127.0.0.1:8080}",
			description = "Base URL of push-api (env PUSH_API_URL; default ${DEFAULT-VALUE}).")
	String api;

	@Option(names = "--token", defaultValue = "${env:PUSH_API_TOKEN}",
			description = "Bearer token (env PUSH_API_TOKEN).")
	String token;

	@Option(names = "--interval", defaultValue = "500", description = "Progress refresh in milliseconds.")
	long intervalMillis;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (token == null || token.isBlank()) {
			err.println("push: no token: pass --token or set PUSH_API_TOKEN");
			return PushCli.API_ERROR;
		}
		HttpResponse<String> submitted = http.send(
				HttpRequest.newBuilder(URI.create(api + "/api/v1/push-batches?gaining_company_id=" + gainingCompanyId))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "text/csv")
					.POST(HttpRequest.BodyPublishers.ofFile(file))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (submitted.statusCode() != 202) {
			err.println(
					"push: the API refused the batch (" + submitted.statusCode() + "): " + detail(submitted.body()));
			return PushCli.API_ERROR;
		}
		JsonNode batch = JSON.readTree(submitted.body());
		String batchId = batch.get("batch_id").asString();
		err.printf("batch %s: %d domains, %d accepted, %d rejected up front%n", batchId, batch.get("total").asInt(),
				batch.get("accepted").asInt(), batch.get("rejected").asInt());
		JsonNode progress;
		while (true) {
			progress = get("/api/v1/push-batches/" + batchId);
			err.print("\r" + ProgressBar.render(progress, 30));
			err.flush();
			if (!progress.get("finished_at").isNull()) {
				break;
			}
			Thread.sleep(intervalMillis); // refresh rate of a progress display
		}
		err.println();
		Map<String, Integer> codes = new TreeMap<>();
		batch.get("rejected_by_code")
			.properties()
			.forEach(e -> codes.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
		collectWorkerRejections(batchId, codes);
		out.printf("completed %d, rejected %d, cancelled %d, failed %d of %d%n", progress.get("completed").asLong(),
				progress.get("rejected").asLong(), progress.get("cancelled").asLong(), progress.get("failed").asLong(),
				progress.get("total").asLong());
		codes.forEach((code, count) -> out.printf("  %-20s %d%n", code, count));
		out.flush();
		boolean allPushed = progress.get("completed").asLong() == progress.get("total").asLong();
		return allPushed ? 0 : PushCli.NOT_ALL_PUSHED;
	}

	private void collectWorkerRejections(String batchId, Map<String, Integer> codes)
			throws IOException, InterruptedException {
		for (int page = 0;; page++) {
			JsonNode rejected = get(
					"/api/v1/push-batches/" + batchId + "/pushes?status=REJECTED&size=200&page=" + page);
			rejected.get("items").forEach(p -> codes.merge(p.get("reason").asString(), 1, Integer::sum));
			if (!rejected.get("has_more").asBoolean()) {
				return;
			}
		}
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(
					"GET " + path + " answered " + response.statusCode() + ": " + detail(response.body()));
		}
		return JSON.readTree(response.body());
	}

	private static String detail(String body) {
		try {
			JsonNode problem = JSON.readTree(body);
			return problem.path("code").asString("") + " " + problem.path("detail").asString(body);
		}
		catch (RuntimeException ex) {
			return body;
		}
	}

}
