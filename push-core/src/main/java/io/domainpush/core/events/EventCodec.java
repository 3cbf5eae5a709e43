package io.domainpush.core.events;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
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
			JsonNode tree = MAPPER.readTree(json);
			if (tree == null || !tree.isObject()) {
				throw new UnsupportedEventException("record value is not a JSON object");
			}
			String type = tree.path("type").asString(null);
			Class<? extends PushEvent> target = type == null ? null : TYPES.get(type);
			if (target == null) {
				throw new UnsupportedEventException("unknown event type " + type);
			}
			return MAPPER.treeToValue(tree, target);
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

}
