package io.domainpush.api.web;

import io.domainpush.api.error.ApiException;

/**
 * {@code ?page=&size=} checked against the limit; {@link #limit()} fetches one extra row
 * to know if more follow.
 */
public record PageRequest(int page, int size) {

	public static final int DEFAULT_SIZE = 50;

	public static PageRequest of(Integer page, Integer size, ApiLimits limits) {
		int p = page == null ? 0 : page;
		int s = size == null ? DEFAULT_SIZE : size;
		if (p < 0 || p > 1_000_000) {
			throw ApiException.invalid("page must be between 0 and 1000000.");
		}
		if (s < 1 || s > limits.maxPageSize()) {
			throw ApiException.invalid("size must be between 1 and " + limits.maxPageSize() + ".");
		}
		return new PageRequest(p, s);
	}

	public int limit() {
		return size + 1;
	}

	public long offset() {
		return (long) page * size;
	}

}
