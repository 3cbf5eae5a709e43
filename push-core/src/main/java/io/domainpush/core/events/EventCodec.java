package io.domainpush.core.events;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON form of the events on the wire: snake_case fields, ISO-8601 instants and dates.
 * Decoding dispatches on {@code type} and refuses unknown types and versions with
 * {@link UnsupportedEventException}.
 */
public final class EventCodec {

	private static final Map<String, Class<? extends PushEvent>> TYPES = Map.of(PushRequested.TYPE, PushRequested.class,
			PushCompleted.TYPE, PushCompleted.class, PushRejected.TYPE, PushRejected.class, PushCancelled.TYPE,
			PushCancelled.class, BatchFinished.TYPE, BatchFinished.class);

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		// a newer producer may add fields; the version tells when the meaning changed
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private EventCodec() {
	}

	public static String encode(PushEvent event) {
		return MAPPER.writeValueAsString(event);
	}

	public static PushEvent decode(byte[] json) {
		if (json == null) {
			throw new UnsupportedEventException("record has no value");
		}
		try {
			String type = typeOf(json);
			Class<? extends PushEvent> target = type == null ? null : TYPES.get(type);
			if (target == null) {
				throw new UnsupportedEventException("unknown event type " + type);
			}
			return MAPPER.readValue(json, target);
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

	/**
	 * The top-level {@code type} of the object, read as a stream: the encoder writes it
	 * first, so this usually reads two tokens. Reading the whole value into a tree to
	 * find it, then binding the tree, cost about twice the binding (every service decodes
	 * every event).
	 * @return null when the object has no string {@code type}
	 */
	private static String typeOf(byte[] json) {
		try (JsonParser parser = MAPPER.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new UnsupportedEventException("record value is not a JSON object");
			}
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("type".equals(name)) {
					return value == JsonToken.VALUE_STRING ? parser.getString() : null;
				}
				parser.skipChildren();
			}
			return null;
		}
	}

}
