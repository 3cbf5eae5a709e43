package io.domainpush.core.paging;

import java.util.Map;

/**
 * Which rows of a list one page holds, as the SQL a listing's statement cuts its keys
 * with after its own filter (a condition on the sort key, the order and the limit), the
 * order of the page's rows, and the values that SQL binds. push-api makes it from the
 * request (by page number or by key); a listing whose statements live in push-core
 * appends it as it is given.
 *
 * @param cut appended after the {@code where} conditions of the statement that finds the
 * page's keys
 * @param order the page's order, for the statement that reads the rows of those keys
 * @param parameters the values {@code cut} names
 */
public record PageClauses(String cut, String order, Map<String, Object> parameters) {

	public PageClauses {
		parameters = Map.copyOf(parameters);
	}

}
