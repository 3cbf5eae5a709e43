package io.domainpush.core.kafka;

import java.net.SocketTimeoutException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTests {

	@Test
	void shouldRetryAStatementWhoseReplyNeverCameEvenWhenTheRollbackFailedToo() {
		// a black-holed network: the statement's read times out, then the rollback finds
		// the connection closed and its error is what the transaction throws
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new DataAccessResourceFailureException("update failed",
				new SQLException("An I/O error occurred", new SocketTimeoutException("Read timed out"))));

		assertThat(TransientFailures.isTransient(rollbackFailed)).isTrue();
	}

	@Test
	void shouldNotRetryAViolatedConstraintWhoseRollbackFailed() {
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new DataIntegrityViolationException("duplicate key"));

		assertThat(TransientFailures.isTransient(rollbackFailed)).isFalse();
	}

	@Test
	void shouldRetryALostConnection() {
		assertThat(TransientFailures.isTransient(new SQLException("connection reset", "08006"))).isTrue();
		assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
	}

}
