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
 * @param unique the key's column that is unique, by which the page's rows are read
 */
public record PageClauses(String cut, String order, Map<String, Object> parameters, String unique) {

	public PageClauses {
		parameters = Map.copyOf(parameters);
	}

	/**
	 * The statement of the page's {@code columns} of {@code table}, the rows matching
	 * {@code filter}: the page's keys are cut first from an index that holds the key and
	 * the filter's columns (an index-only scan), then only those rows are read, by the
	 * unique key. An offset is skipped over index entries instead of rows (the last page
	 * of 300,000 domains: 30 ms, not 310).
	 */
	public String select(String columns, String table, String filter) {
		return "select " + columns + " from " + table + " where " + unique + " in (select " + unique + " from " + table
				+ " where " + filter + cut + ")" + order;
	}

}
