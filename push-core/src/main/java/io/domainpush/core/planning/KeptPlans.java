package io.domainpush.core.planning;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets a transaction whose statements find their rows by key (a push by its id, a domain
 * by its name, a notification by its push) reuse PostgreSQL's plans of those statements.
 * <p>
 * Every service's connections plan each statement for its values and for the tables as
 * they are now ({@code plan_cache_mode=force_custom_plan}, push-common.yml): a list or a
 * queue planned once for an average company or a nearly empty table reads far too much
 * for a company with 300,000 domains or a swollen outbox. A lookup by key has the same
 * plan whatever its values, and planning it again each time is most of what it costs: a
 * notification's claim by push id took 2.5 ms, 0.9 with its plan kept. One push passes
 * through about twenty such statements on its way from the API to the email.
 */
public final class KeptPlans {

	private KeptPlans() {
	}

	/**
	 * From now until the caller's transaction ends, statements a connection has run often
	 * use the plan PostgreSQL kept for them, if it judges it as good as one made for the
	 * values ({@code plan_cache_mode=auto}): pgjdbc prepares a statement on the server
	 * from its fifth run, and PostgreSQL weighs a kept plan after five made for values.
	 * @throws IllegalStateException outside a transaction, where it would change nothing
	 */
	public static void forThisTransaction(JdbcClient jdbc) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("plans are kept for a transaction: there is none");
		}
		jdbc.sql("set local plan_cache_mode = auto").update();
	}

	/**
	 * Runs {@code work} in a transaction of its own that keeps plans (work that would
	 * otherwise run its statement outside any transaction).
	 */
	public static <T> T inTransaction(TransactionTemplate transaction, JdbcClient jdbc, Supplier<T> work) {
		return transaction.execute(status -> {
			forThisTransaction(jdbc);
			return work.get();
		});
	}

}
