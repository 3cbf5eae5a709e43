package io.domainpush.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for integration tests: a fresh database per call on the server named
 * by {@code PUSH_TEST_PG} (default {@code 127.0.0.1:5432}, user postgres, as on CI), or,
 * where no server answers there, an embedded PostgreSQL started once per JVM. Never a
 * mock.
 */
public final class TestPostgres {

	private static final String SERVER = System.getenv().getOrDefault("PUSH_TEST_PG", "127.0.0.1:5432");

	private static String adminUrl;

	private static EmbeddedPostgres embedded;

	private TestPostgres() {
	}

	/**
	 * Creates an empty database and returns its JDBC URL (user postgres, no password).
	 */
	public static synchronized String newDatabase() {
		String admin = adminUrl();
		String name = "domainpush_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create test database", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, name)));
		return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
	}

	/** A new database as the Spring context's datasource; @return its JDBC URL */
	public static String register(DynamicPropertyRegistry registry) {
		String url = newDatabase();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		return url;
	}

	private static String adminUrl() {
		if (adminUrl != null) {
			return adminUrl;
		}
		String candidate = "jdbc:postgresql://" + SERVER + "/postgres";
		try (Connection c = DriverManager.getConnection(candidate + "?connectTimeout=2", "postgres", "")) {
			adminUrl = candidate;
		}
		catch (SQLException ex) {
			try {
				embedded = EmbeddedPostgres.builder().start();
				adminUrl = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
			}
			catch (Exception startFailure) {
				throw new IllegalStateException("no PostgreSQL at " + SERVER + " and the embedded one did not start",
						startFailure);
			}
		}
		return adminUrl;
	}

	private static void drop(String admin, String name) {
		try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("drop database if exists " + name + " with (force)");
		}
		catch (SQLException ignored) {
			// the server may already be gone at JVM exit
		}
	}

}
