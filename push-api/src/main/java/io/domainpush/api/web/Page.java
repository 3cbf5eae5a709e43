package io.domainpush.api.web;

import java.util.List;

/**
 * One page of a listing; {@code hasMore} says whether asking for {@code page + 1} returns
 * anything.
 */
public record Page<T>(List<T> items, int page, int size, boolean hasMore) {

	/** Builds a page from a query that fetched {@code size + 1} rows. */
	public static <T> Page<T> of(List<T> rows, PageRequest request) {
		boolean more = rows.size() > request.size();
		return new Page<>(more ? rows.subList(0, request.size()) : rows, request.page(), request.size(), more);
	}

}
