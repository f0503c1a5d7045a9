package dev.baton.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases of the cluster tests, apart from the shared integration-test database (whose
 * cached application contexts keep their workers and job executors running): on PostgreSQL a
 * fresh {@code cluster_<name>_<checkout>}, on H2 a named in-memory database that every context
 * of this JVM opening the same URL shares.
 */
public final class ClusterDatabases {

  private ClusterDatabases() {}

  public static String url(String name) {
    if (!TestDatabase.postgres()) {
      return "jdbc:h2:mem:cluster-" + name + "-" + UUID.randomUUID() + TestDatabase.H2_OPTIONS;
    }
    return postgresUrl(name);
  }

  /** A PostgreSQL database of this checkout, for tests that need PostgreSQL whatever the run. */
  public static String postgresUrl(String name) {
    String database = pgName(name);
    try (Connection c = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER,
        TestDatabase.PG_PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + database + ": " + e.getMessage(), e);
    }
    String pg = TestDatabase.PG_URL;
    return pg.substring(0, pg.lastIndexOf('/') + 1) + database;
  }

  static String pgName(String name) {
    return "cluster_" + name + "_" + TestDatabase.PG_DATABASE.substring("baton_it_".length());
  }

  public static String user() {
    return TestDatabase.user();
  }

  public static String password() {
    return TestDatabase.password();
  }
}
