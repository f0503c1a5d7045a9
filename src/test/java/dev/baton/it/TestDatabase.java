package dev.baton.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Which database the integration tests run on, chosen by the system property {@code
 * baton.test.db} ({@code h2}, the default, or {@code postgres}; Failsafe runs the suite once
 * with each). On PostgreSQL a fresh database {@code baton_it_<checkout>} is created once per JVM, through
 * the maintenance database named by {@code BATON_TEST_PG_URL} (default
 * jdbc:postgresql://127.0.0.1:5432/test, user postgres, trust auth as in CI).
 */
public final class TestDatabase {

  /**
   * In-memory H2 kept for the JVM's life, with the statement cache the application's default
   * datasource has (H2's default of 8 re-parses Camunda's SQL over and over).
   */
  public static final String H2_OPTIONS = ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128";

  public static final String KIND = System.getProperty("baton.test.db", "h2");
  static final String PG_URL =
      env("BATON_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = env("BATON_TEST_PG_USER", "postgres");
  static final String PG_PASSWORD = env("BATON_TEST_PG_PASSWORD", "");
  /**
   * Named after the checkout, so that two checkouts (worktrees, clones) testing against one
   * server at the same time do not drop each other's databases.
   */
  static final String PG_DATABASE = "baton_it_" + checkoutTag();
  /** The process tests' own database, apart from the application's job executor. */
  static final String PG_PROCESS_DATABASE = PG_DATABASE + "_process";

  private static String unavailable;
  private static boolean prepared;

  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(KIND);
  }

  public static String url() {
    if (!postgres()) {
      return "jdbc:h2:mem:baton-it-" + UUID.randomUUID() + H2_OPTIONS;
    }
    return PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + PG_DATABASE;
  }

  /** Database of the plain process-test engine: in-memory H2, or a fresh PostgreSQL one. */
  public static String processTestUrl() {
    if (!postgres()) {
      return "jdbc:h2:mem:baton-process-" + UUID.randomUUID() + H2_OPTIONS;
    }
    return PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + PG_PROCESS_DATABASE;
  }

  /**
   * A database of its own for a test that starts its own engines: a fresh in-memory H2, or a
   * PostgreSQL database {@code <baton_it_...>_<suffix>}, dropped and created now.
   */
  public static String freshUrl(String suffix) {
    if (!postgres()) {
      return "jdbc:h2:mem:baton-" + suffix + "-" + UUID.randomUUID() + H2_OPTIONS;
    }
    String database = PG_DATABASE + "_" + suffix;
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
    return PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + database;
  }

  public static String user() {
    return postgres() ? PG_USER : "sa";
  }

  public static String password() {
    return postgres() ? PG_PASSWORD : "";
  }

  /** Null when the database can be used; otherwise why not. Creates the databases once. */
  public static synchronized String unavailableReason() {
    if (!postgres() || prepared) {
      return unavailable;
    }
    prepared = true;
    DriverManager.setLoginTimeout(5);
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement s = c.createStatement()) {
      for (String database : new String[] {PG_DATABASE, PG_PROCESS_DATABASE}) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        s.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      unavailable = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " ("
          + e.getMessage() + "); set BATON_TEST_PG_URL/USER/PASSWORD to run the PostgreSQL "
          + "suite";
    }
    return unavailable;
  }

  private static String checkoutTag() {
    String dir = java.nio.file.Path.of("").toAbsolutePath().normalize().toString();
    return String.format("%08x", dir.hashCode());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
