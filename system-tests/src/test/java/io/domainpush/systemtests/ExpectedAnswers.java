package io.domainpush.systemtests;

import java.util.List;

import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.aggregator.ArgumentsAggregator;

/**
 * The last columns of an authorization matrix's row, from the aggregated parameter's
 * position on: the answer expected for each caller, in the order of the table's header.
 */
final class ExpectedAnswers implements ArgumentsAggregator {

	@Override
	public List<String> aggregateArguments(ArgumentsAccessor row, ParameterContext context) {
		return row.toList().subList(context.getIndex(), row.size()).stream().map(String::valueOf).toList();
	}

}
