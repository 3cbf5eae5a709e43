package io.domainpush.api.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.domainpush.core.paging.PageClauses;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Paging by key instead of by offset: a list ordered by {@code columns} (all one way, the
 * last one unique) reads the page after or before a {@link Cursor} with a row comparison
 * an index on those columns serves, so any page costs what the first does. A request by
 * page number ({@code page=N}) keeps its offset.
 *
 * @param columns the sort key as SQL (e.g. {@code p.submitted_at}, {@code p.push_id})
 * @param descending the list's order
 * @param values the key of a cursor as values to bind, one per column
 */
public record Keyset(List<String> columns, boolean descending, Function<Cursor, List<Object>> values) {

	/**
	 * {@code " and (key) < (:k0, ...)"} or the like for the request; empty without a
	 * cursor.
	 */
	public String condition(PageRequest request) {
		if (request.position() == null) {
			return "";
		}
		boolean towardsEnd = request.after() != null;
		String operator = towardsEnd == descending ? "<" : ">";
		List<String> parameters = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			parameters.add(":k" + i);
		}
		return " and (" + String.join(", ", columns) + ") " + operator + " (" + String.join(", ", parameters) + ")";
	}

	/**
	 * The order to read in: the list's own, or its reverse for the page before a cursor
	 * (read nearest first, then {@link #inOrder turned back}).
	 */
	public String orderBy(PageRequest request) {
		boolean reversed = request.before() != null;
		String direction = descending != reversed ? " desc" : "";
		List<String> terms = new ArrayList<>();
		for (String column : columns) {
			terms.add(column + direction);
		}
		return " order by " + String.join(", ", terms);
	}

	/**
	 * The statement of the page of {@code table}'s {@code columns}, the rows matching
	 * {@code filter}, its keys cut first ({@link PageClauses#select}; the key's last
	 * column is unique).
	 */
	public String select(String columns, String table, String filter, PageRequest request) {
		// the statement alone: its values are bound by bind()
		return clauses(request, Map.of()).select(columns, table, filter);
	}

	/** {@code limit} and, for a request by page number, its {@code offset}. */
	public String limit(PageRequest request) {
		return request.position() == null ? " limit :limit offset :offset" : " limit :limit";
	}

	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, PageRequest request) {
		return statement.params(parameters(request));
	}

	/**
	 * The {@link #condition}, {@link #orderBy} and {@link #limit} of the request, its
	 * order alone, their values and the unique key, for a listing whose statement is
	 * written elsewhere (push-core).
	 */
	public PageClauses clauses(PageRequest request) {
		return clauses(request, parameters(request));
	}

	private PageClauses clauses(PageRequest request, Map<String, Object> parameters) {
		return new PageClauses(condition(request) + orderBy(request) + limit(request), orderBy(request), parameters,
				columns.get(columns.size() - 1));
	}

	private Map<String, Object> parameters(PageRequest request) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("limit", request.limit());
		if (request.position() == null) {
			parameters.put("offset", request.offset());
			return parameters;
		}
		List<Object> key = values.apply(request.position());
		for (int i = 0; i < key.size(); i++) {
			parameters.put("k" + i, key.get(i));
		}
		return parameters;
	}

	/** The rows of a page read by {@link #orderBy} in the list's order. */
	public <T> List<T> inOrder(List<T> rows, PageRequest request) {
		if (request.before() == null) {
			return rows;
		}
		List<T> reversed = new ArrayList<>(rows);
		Collections.reverse(reversed);
		return reversed;
	}

}
