package io.domainpush.api.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * How the console writes times, sizes and settings ({@code ${@formats...}} in templates).
 */
@Component("formats")
public class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

	private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB" };

	private final JsonMapper json;

	Formats(JsonMapper json) {
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
	}

	/** A moment in UTC, to the second; "—" for none. */
	public String time(OffsetDateTime at) {
		return at == null ? "—" : at.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
	}

	/** A size in bytes with a binary unit: "2.0 KB". */
	/** A moment in UTC, to the second; "—" for none. */
	public String instant(java.time.Instant at) {
		return at == null ? "—" : time(at.atOffset(ZoneOffset.UTC));
	}

	public String bytes(long bytes) {
		double size = bytes;
		int unit = 0;
		while (size >= 1024 && unit < UNITS.length - 1) {
			size /= 1024;
			unit++;
		}
		return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", size, UNITS[unit]);
	}

	/** Settings as indented JSON. */
	public String json(Object value) {
		return value == null ? "{}" : json.writeValueAsString(value);
	}

	/** A setting's key in words: {@code webmail_theme} is "Webmail theme". */
	public String settingName(String key) {
		String words = key.replace('_', ' ').replace('-', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
		return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/**
	 * A setting's value as people read it: text as it is, "not set" for none, else
	 * compact JSON.
	 */
	public String settingValue(Object value) {
		if (value == null) {
			return "not set";
		}
		if (value instanceof String text) {
			return text;
		}
		return value instanceof Number || value instanceof Boolean ? value.toString()
				: json.writeValueAsString(value).replaceAll("\\s*\\n\\s*", " ");
	}

}
