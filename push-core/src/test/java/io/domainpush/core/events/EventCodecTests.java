package io.domainpush.core.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTests {

	@Test
	void shouldRoundTripEveryEventWithTypeAndVersion() {
		UUID push = UUID.randomUUID();
		Instant now = Instant.parse("2026-11-28T18:00:00Z");
		PushEvent[] events = { PushRequested.of(push, "example.com", 1001, 1002, now),
				PushCompleted.of(push, "example.com", 1001, "Losing", 1002, "Gaining", 3, now, now,
						LocalDate.of(2026, 12, 1), "ops@gaining.example",
						new PushCompleted.Report(6, 2048,
								List.of(Map.of("key", "theme", "before", "classic", "after", "modern", "source",
										"GAINING_COMPANY_DEFAULTS")))),
				PushCompleted.of(push, "example.com", 1001, "Losing", 1002, "Gaining", 3, now, now,
						LocalDate.of(2026, 12, 1), null, null),
				PushRejected.of(push, "example.com", 1001, 1002, "PUSH_NOT_ALLOWED", now) };
		for (PushEvent event : events) {
			String json = EventCodec.encode(event);
			assertThat(json).contains("\"type\":\"" + EventCodec.type(event.getClass()) + "\"", "\"version\":1",
					"\"push_id\"");
			assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
		}
	}

	@Test
	void shouldDecodeAnEventWhoseTypeIsNotItsFirstField() {
		PushRequested event = PushRequested.of(UUID.randomUUID(), "example.com", 1, 2, Instant.now());
		String json = EventCodec.encode(event).replace("\"type\":\"PushRequested\",", "");
		String reordered = json.substring(0, json.length() - 1) + ",\"type\":\"PushRequested\"}";
		assertThat(reordered).doesNotStartWith("{\"type\"");
		assertThat(EventCodec.decode(reordered.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
	}

	@Test
	void shouldRefuseUnknownVersion() {
		String json = EventCodec.encode(PushRequested.of(UUID.randomUUID(), "example.com", 1, 2, Instant.now()))
			.replace("\"version\":1", "\"version\":99");
		assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(UnsupportedEventException.class)
			.hasMessageContaining("version 99");
	}

	@Test
	void shouldRefuseMalformedAndUnknownRecords() {
		for (String bad : new String[] { "{not json", "[]", "{\"type\":\"Nope\",\"version\":1}",
				"{\"type\":\"PushRequested\",\"version\":1}", "", "null", "42", "\"PushRequested\"", "{\"version\":1}",
				"{\"type\":7,\"version\":1}", "{\"nested\":{\"type\":\"PushRequested\"},\"version\":1}",
				"{\"type\":\"PushRequested\"" }) {
			assertThatThrownBy(() -> EventCodec.decode(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
				.isInstanceOf(UnsupportedEventException.class);
		}
	}

}
