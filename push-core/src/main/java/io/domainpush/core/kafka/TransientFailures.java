package io.domainpush.core.kafka;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that goes away by itself (database or broker unreachable, connection
 * lost, deadlock, serialization conflict, server shutting down) from one that comes back
 * on every attempt with the same input (a constraint violated, a bug). Consumers retry
 * the first kind forever and isolate the second.
 */
public final class TransientFailures {

	private TransientFailures() {
	}

	public static boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
					|| t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
					|| t instanceof SQLTransientException || t instanceof SQLRecoverableException
					|| t instanceof ConnectException || t instanceof SocketTimeoutException) {
				return true;
			}
			if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
				return true;
			}
			// a rollback that failed on a connection already lost hides what failed first
			// behind its own error: what failed first decides
			if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& isTransient(rollback.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE classes 08 (connection exception), 40 (transaction rollback: serialization
	 * failure, deadlock), 53 (insufficient resources), 57 (operator intervention:
	 * shutdown, cancel).
	 */
	private static boolean transientState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
				|| state.startsWith("57"));
	}

}
