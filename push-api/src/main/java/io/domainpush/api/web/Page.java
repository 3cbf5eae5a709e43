package io.domainpush.api.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a listing; {@code hasMore} says whether more follow it. A list that pages
 * by {@link Keyset} also gives the {@link Cursor} tokens of the pages next to this one:
 * {@code next} (after its last row, when more follow) and {@code previous} (before its
 * first row, when rows come before it). {@code page} is null for a page asked for by
 * cursor: its number is not known without counting.
 */
public record Page<T>(List<T> items, Integer page, int size, boolean hasMore,
		@JsonInclude(JsonInclude.Include.NON_NULL) String next,
		@JsonInclude(JsonInclude.Include.NON_NULL) String previous) {

	public Page(List<T> items, int page, int size, boolean hasMore) {
		this(items, page, size, hasMore, null, null);
	}

	/** Builds a page from a query that fetched {@code size + 1} rows. */
	public static <T> Page<T> of(List<T> rows, PageRequest request) {
		boolean more = rows.size() > request.size();
		return new Page<>(more ? rows.subList(0, request.size()) : rows, request.page(), request.size(), more);
	}

	/**
	 * Builds a page of a list that pages by key from the rows a {@link Keyset} read (in
	 * the list's order: {@code size + 1} of them, the extra one past the page's end, or
	 * before its start when it was asked for {@code before} a cursor).
	 */
	public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, Cursor> key) {
		boolean extra = rows.size() > request.size();
		boolean backwards = request.before() != null;
		List<T> items = !extra ? rows : backwards ? rows.subList(1, rows.size()) : rows.subList(0, request.size());
		boolean more = backwards || extra;
		boolean earlier = backwards ? extra : request.after() != null || request.page() > 0;
		String next = more && !items.isEmpty() ? key.apply(items.get(items.size() - 1)).token() : null;
		String previous = earlier && !items.isEmpty() ? key.apply(items.get(0)).token() : null;
		return new Page<>(items, request.position() == null ? request.page() : null, request.size(),
				backwards ? !items.isEmpty() : extra, next, previous);
	}

}
