package io.domainpush.systemtests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One push is one trace from the HTTP request to its email and webhook, across the three
 * services and the outbox, as Zipkin (its real server, fed by the services' exporters)
 * gives it back through its HTTP API. The test is the caller: it sends its own
 * {@code traceparent}, so it knows which trace to ask for.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests extends AgainstRunningSystem {

	private static WebhookReceiver receiver;

	private static ApiClient zipkin;

	@BeforeAll
	static void receiver() throws Exception {
		receiver = new WebhookReceiver();
		zipkin = new ApiClient(system.zipkin.baseUrl());
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void shouldFollowOnePushFromTheRequestToItsEmailAndWebhookInOneTrace(CapturedOutput output) {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		String hookPath = "/traced-" + gaining.id();
		receiver.register(api, gaining, hookPath, "push.completed");
		String domain = scenario.domain(losing, 2, null);
		Caller caller = new Caller();

		ApiClient.Response submitted = api.send("POST", "/api/v1/pushes", losing.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining.id())), caller.headers());
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
		String pushId = submitted.json().get("push_id").asString();
		system.awaitNotification(gaining, pushId, "SENT");
		await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at(hookPath).isEmpty());

		// the request, its publish, the apply, the outcome's publish, the email, the
		// webhook
		Trace trace = awaitTrace(caller.traceId(), 6);
		Span request = trace.one("push-api", "http post /api/v1/pushes");
		assertThat(request.kind()).isEqualTo("SERVER");
		assertThat(request.parentId()).isEqualTo(caller.spanId());
		Span published = trace.one("push-api", "publish domain-push.requests");
		assertThat(published.kind()).isEqualTo("PRODUCER");
		assertThat(published.parentId()).isEqualTo(request.id());
		Span applied = trace.one("push-worker", "apply push");
		assertThat(applied.kind()).isEqualTo("CONSUMER");
		assertThat(applied.parentId()).isEqualTo(published.id());
		assertThat(applied.tags()).containsEntry("push.id", pushId).containsEntry("push.outcome", "COMPLETED");
		Span outcome = trace.one("push-worker", "publish domain-push.events");
		assertThat(outcome.parentId()).isEqualTo(applied.id());
		Span email = trace.one("notifier", "deliver notifications");
		assertThat(email.kind()).isEqualTo("CLIENT");
		assertThat(email.parentId()).isEqualTo(applied.id());
		assertThat(email.tags()).containsEntry("delivery.result", "SENT");
		Span webhook = trace.one("notifier", "deliver webhook_deliveries");
		assertThat(webhook.parentId()).isEqualTo(outcome.id());
		assertThat(webhook.tags()).containsEntry("delivery.result", "SENT");
		// the receiver is told which span delivered it
		assertThat(receiver.at(hookPath)).extracting(WebhookReceiver.Received::traceParent)
			.containsExactly("00-" + caller.traceId() + "-" + webhook.id() + "-01");
		// a push's id leads to its trace: through Zipkin's tag query, and through the
		// logs
		JsonNode byPushId = zipkin
			.get("/api/v2/traces?annotationQuery=" + URLEncoder.encode("push.id=" + pushId, StandardCharsets.UTF_8),
					null)
			.json();
		assertThat(byPushId).hasSize(1);
		assertThat(byPushId.get(0).get(0).get("traceId").asString()).isEqualTo(caller.traceId());
		assertThat(output.getOut())
			.containsPattern("\\[" + caller.traceId() + "-[0-9a-f]{16}\\].*PUSH_SUBMITTED.*push " + pushId);
	}

	@Test
	void shouldFollowABatchInOneTraceWithASpanPerPush() {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, "noc-" + gaining.id() + "@gaining.example", losing);
		List<String> domains = List.of(scenario.domain(losing, 1, null), scenario.domain(losing, 1, null),
				scenario.domain(losing, 1, null));
		Caller caller = new Caller();

		ApiClient.Response submitted = api.send("POST", "/api/v1/push-batches", losing.token(),
				Scenario.batchBody(gaining.id(), domains), caller.headers());
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
		List<String> pushIds = system.db
			.sql("select push_id::text from pushes where batch_id = cast(:b as uuid) order by push_id")
			.param("b", submitted.json().get("batch_id").asString())
			.query(String.class)
			.list();
		pushIds.forEach((pushId) -> system.awaitNotification(gaining, pushId, "SENT"));

		// the request, then for each push: its publish, its apply, its outcome's publish,
		// its email
		Trace trace = awaitTrace(caller.traceId(), 1 + 3 * 4);
		Span request = trace.one("push-api", "http post /api/v1/push-batches");
		assertThat(request.parentId()).isEqualTo(caller.spanId());
		List<Span> published = trace.all("push-api", "publish domain-push.requests");
		assertThat(published).hasSize(3).allSatisfy((span) -> assertThat(span.parentId()).isEqualTo(request.id()));
		List<Span> applied = trace.all("push-worker", "apply push");
		assertThat(applied).extracting((span) -> span.tags().get("push.id"))
			.containsExactlyInAnyOrderElementsOf(pushIds);
		assertThat(applied).extracting(Span::parentId)
			.containsExactlyInAnyOrderElementsOf(published.stream().map(Span::id).toList());
		assertThat(trace.all("notifier", "deliver notifications")).extracting(Span::parentId)
			.containsExactlyInAnyOrderElementsOf(applied.stream().map(Span::id).toList());
	}

	/** Zipkin's copy of the trace once it holds at least {@code spans} spans. */
	private static Trace awaitTrace(String traceId, int spans) {
		JsonNode found = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> zipkin.get("/api/v2/trace/" + traceId, null),
					(response) -> response.status() == 200 && response.json().size() >= spans)
			.json();
		List<Span> read = new ArrayList<>();
		for (JsonNode span : found) {
			assertThat(span.get("traceId").asString()).isEqualTo(traceId);
			Map<String, String> tags = new java.util.HashMap<>();
			if (span.has("tags")) {
				span.get("tags").properties().forEach((tag) -> tags.put(tag.getKey(), tag.getValue().asString()));
			}
			read.add(new Span(span.get("localEndpoint").get("serviceName").asString(), span.get("name").asString(),
					span.has("kind") ? span.get("kind").asString() : null, span.get("id").asString(),
					span.has("parentId") ? span.get("parentId").asString() : null, tags));
		}
		return new Trace(read);
	}

	/** The test as a traced caller: its request carries this span as its parent. */
	private record Caller(String traceId, String spanId) {

		private static final SecureRandom RANDOM = new SecureRandom();

		Caller() {
			this(random(16), random(8));
		}

		Map<String, String> headers() {
			return Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01");
		}

		private static String random(int bytes) {
			byte[] id = new byte[bytes];
			RANDOM.nextBytes(id);
			return HexFormat.of().formatHex(id);
		}

	}

	private record Span(String service, String name, String kind, String id, String parentId,
			Map<String, String> tags) {
	}

	private record Trace(List<Span> spans) {

		List<Span> all(String service, String name) {
			return spans.stream().filter((span) -> span.service().equals(service) && span.name().equals(name)).toList();
		}

		Span one(String service, String name) {
			List<Span> found = all(service, name);
			assertThat(found).as(service + " " + name + " in " + spans).hasSize(1);
			return found.get(0);
		}

	}

}
