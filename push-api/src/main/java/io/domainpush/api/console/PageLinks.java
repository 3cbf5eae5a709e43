package io.domainpush.api.console;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of a paged list that keep its filters: the base the pager appends {@code page=N}
 * to.
 */
public final class PageLinks {

	private PageLinks() {
	}

	/**
	 * {@code path} with the given name/value pairs (null values left out), encoded,
	 * ending with {@code ?} or {@code &}.
	 */
	public static String base(String path, Object... namesAndValues) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			Object value = namesAndValues[i + 1];
			if (value != null && !value.toString().isBlank()) {
				uri.queryParam(namesAndValues[i].toString(), value);
			}
		}
		String link = uri.encode().build().toUriString();
		return link + (link.contains("?") ? "&" : "?");
	}

}
