package io.domainpush.core.paging;

import java.util.Map;

/**
 * Which rows of a list one page holds, as the SQL a listing's statement ends with after
 * its own filter (a condition on the sort key, the order and the limit) and the values
 * that SQL binds. push-api makes it from the request (by page number or by key); a
 * listing whose statements live in push-core appends it as it is given.
 *
 * @param sql appended after the listing's {@code where} conditions
 * @param parameters the values {@code sql} names
 */
public record PageClauses(String sql, Map<String, Object> parameters) {

	public PageClauses {
		parameters = Map.copyOf(parameters);
	}

}
