package io.domainpush.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (binaries from Maven Central via zonky, extracted on first use).
 * As root it runs initdb and the server through {@code unshare -U}, which works on this
 * kind of machine.
 */
public final class LocalPostgres implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static LocalPostgres start(String database) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
				s.execute("create database " + database);
			}
			return new LocalPostgres(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create the local database", ex);
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException ignored) {
			// the process is going away anyway
		}
	}

}
