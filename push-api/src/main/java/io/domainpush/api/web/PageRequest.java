package io.domainpush.api.web;

import io.domainpush.api.error.ApiException;

/**
 * Which page of a list: {@code ?page=&size=} (an offset, kept for the clients that page
 * by number), or {@code ?after=} / {@code ?before=} a {@link Cursor} one of the list's
 * pages gave, which costs the same at any depth in a list that pages by {@link Keyset}.
 * {@link #limit()} fetches one extra row to know if more follow.
 */
public record PageRequest(int page, int size, Cursor after, Cursor before) {

	public static final int DEFAULT_SIZE = 50;

	public PageRequest(int page, int size) {
		this(page, size, null, null);
	}

	public static PageRequest of(Integer page, Integer size, ApiLimits limits) {
		return of(page, size, null, null, limits);
	}

	public static PageRequest of(Integer page, Integer size, String after, String before, ApiLimits limits) {
		int p = page == null ? 0 : page;
		int s = size == null ? DEFAULT_SIZE : size;
		if (p < 0 || p > 1_000_000) {
			throw ApiException.invalid("page must be between 0 and 1000000.");
		}
		if (s < 1 || s > limits.maxPageSize()) {
			throw ApiException.invalid("size must be between 1 and " + limits.maxPageSize() + ".");
		}
		if (after != null && before != null || (after != null || before != null) && page != null) {
			throw ApiException.invalid("Give one of page, after and before.");
		}
		return new PageRequest(p, s, after == null ? null : Cursor.parse(after, "after"),
				before == null ? null : Cursor.parse(before, "before"));
	}

	/** The cursor the page starts from, if it was asked for by one. */
	public Cursor position() {
		return after != null ? after : before;
	}

	public int limit() {
		return size + 1;
	}

	public long offset() {
		return (long) page * size;
	}

}
