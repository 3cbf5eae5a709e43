package io.domainpush.core.events;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON form of the events on the wire: the envelope ({@code type} and {@code version},
 * written first) and the record's fields, snake_case, ISO-8601 instants and dates.
 * Decoding dispatches on {@code type} and refuses unknown types and versions with
 * {@link UnsupportedEventException}. The one place that knows each event's type name and
 * schema version.
 */
public final class EventCodec {

	private record Kind(String type, int version, Class<? extends PushEvent> record) {
	}

	private static final List<Kind> KINDS = List.of(new Kind("PushRequested", 1, PushRequested.class),
			new Kind("PushCompleted", 1, PushCompleted.class), new Kind("PushRejected", 1, PushRejected.class),
			new Kind("PushCancelled", 1, PushCancelled.class),
			new Kind("PushStatusChanged", 1, PushStatusChanged.class),
			new Kind("BatchFinished", 1, BatchFinished.class));

	private static final Map<String, Kind> BY_TYPE = KINDS.stream()
		.collect(Collectors.toUnmodifiableMap(Kind::type, Function.identity()));

	private static final Map<Class<? extends PushEvent>, Kind> BY_CLASS = KINDS.stream()
		.collect(Collectors.toUnmodifiableMap(Kind::record, Function.identity()));

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		// a newer producer may add fields; the version tells when the meaning changed
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private EventCodec() {
	}

	/**
	 * The event as JSON, its envelope first: {@code {"type":..,"version":..,<fields>}}.
	 */
	public static String encode(PushEvent event) {
		Kind kind = kindOf(event.getClass());
		String fields = MAPPER.writeValueAsString(event);
		return "{\"type\":\"" + kind.type() + "\",\"version\":" + kind.version() + "," + fields.substring(1);
	}

	/** The wire name of an event's type, as {@code type} carries it. */
	public static String type(Class<? extends PushEvent> event) {
		return kindOf(event).type();
	}

	private static Kind kindOf(Class<? extends PushEvent> event) {
		Kind kind = BY_CLASS.get(event);
		if (kind == null) {
			throw new IllegalArgumentException("no wire type for " + event);
		}
		return kind;
	}

	public static PushEvent decode(byte[] json) {
		if (json == null) {
			throw new UnsupportedEventException("record has no value");
		}
		try {
			Envelope envelope = envelopeOf(json);
			Kind kind = envelope.type() == null ? null : BY_TYPE.get(envelope.type());
			if (kind == null) {
				throw new UnsupportedEventException("unknown event type " + envelope.type());
			}
			if (envelope.version() == null || envelope.version() != kind.version()) {
				throw new UnsupportedEventException("unsupported version " + envelope.version() + " of " + kind.type()
						+ " (supported: " + kind.version() + ")");
			}
			return MAPPER.readValue(json, kind.record());
		}
		catch (JacksonException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof UnsupportedEventException unsupported) {
				throw unsupported;
			}
			throw new UnsupportedEventException("malformed event: " + ex.getOriginalMessage(), ex);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new UnsupportedEventException("invalid event: " + ex.getMessage(), ex);
		}
	}

	private record Envelope(String type, Integer version) {
	}

	/**
	 * The top-level {@code type} and {@code version} of the object, read as a stream: the
	 * encoder writes them first, so this usually reads four tokens. Reading the whole
	 * value into a tree to find them, then binding the tree, cost about twice the binding
	 * (every service decodes every event).
	 */
	private static Envelope envelopeOf(byte[] json) {
		String type = null;
		Integer version = null;
		try (JsonParser parser = MAPPER.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new UnsupportedEventException("record value is not a JSON object");
			}
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME
					&& (type == null || version == null); token = parser.nextToken()) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("type".equals(name)) {
					type = value == JsonToken.VALUE_STRING ? parser.getString() : "";
				}
				else if ("version".equals(name)) {
					version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
				}
				else {
					parser.skipChildren();
				}
			}
			return new Envelope(type, version);
		}
	}

}
