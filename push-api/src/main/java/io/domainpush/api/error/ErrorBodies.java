package io.domainpush.api.error;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.HtmlUtils;

/**
 * One answer style for each audience, wherever an error is answered (a controller, a
 * filter, the container itself): problem+json with a {@code code} for the REST API, OMA's
 * {@code {success: false, ...}} for the OMA-compatible API, a short page for people (the
 * console and everything else). Chosen by the request's path.
 */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	/** Who reads an answer to a request for {@code path}. */
	public enum Audience {

		REST("application/problem+json"), OMA("application/json"), PEOPLE("text/html;charset=UTF-8");

		private final String contentType;

		Audience(String contentType) {
			this.contentType = contentType;
		}

		public String contentType() {
			return contentType;
		}

		public static Audience of(String path) {
			if (path == null) {
				return PEOPLE;
			}
			if (path.startsWith("/api/v1/") || path.startsWith("/v3/") || path.startsWith("/actuator")) {
				return REST;
			}
			return path.startsWith("/api/") ? OMA : PEOPLE;
		}

	}

	/**
	 * The body of an error answer with {@code status} and {@code detail} for
	 * {@code audience}.
	 */
	public static byte[] body(Audience audience, int status, String detail) {
		String text = switch (audience) {
			case REST -> "{\"type\":\"about:blank\",\"title\":\""
					+ ErrorCode.forStatus(status).status().getReasonPhrase() + "\",\"status\":" + status
					+ ",\"detail\":\"" + json(detail) + "\",\"code\":\"" + ErrorCode.forStatus(status).name() + "\"}";
			case OMA -> "{\"success\":false,\"error_number\":0,\"error\":\"" + json(detail) + "\"}";
			case PEOPLE -> "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
					+ " · Domain Push</title></head><body><main><h1>" + HtmlUtils.htmlEscape(title(status)) + "</h1><p>"
					+ HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/console/\">Domain Push</a></p>"
					+ "</main></body></html>";
		};
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String title(int status) {
		return switch (status) {
			case 400 -> "The request could not be read";
			case 404 -> "Not found";
			case 408 -> "The request took too long";
			case 413 -> "The request is too large";
			case 429 -> "Too many requests";
			case 503 -> "Domain Push is unavailable";
			default -> "The request failed";
		};
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
