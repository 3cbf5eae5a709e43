package io.domainpush.api.web;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Settings are JSON objects kept in jsonb columns. */
@Component
public class JsonColumns {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json;

	JsonColumns(JsonMapper json) {
		this.json = json;
	}

	public String write(Map<String, Object> settings) {
		return json.writeValueAsString(settings == null ? Map.of() : settings);
	}

	public Map<String, Object> read(String column) {
		return column == null ? null : json.readValue(column, MAP);
	}

}
