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

}
