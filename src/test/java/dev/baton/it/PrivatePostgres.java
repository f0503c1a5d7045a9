package dev.baton.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary directory, on a free
 * port), so that a test may stop and restart its database without touching the shared server
 * other checkouts use. As root the server runs as the {@code postgres} user (PostgreSQL refuses
 * to run as root).
 */
final class PrivatePostgres implements AutoCloseable {

  static final Path BIN = Path.of(System.getenv().getOrDefault("BATON_TEST_PG_BIN",
      "/usr/lib/postgresql/15/bin"));

  final int port;
  private final Path dir;
  private final boolean asPostgresUser;

  private PrivatePostgres(int port, Path dir, boolean asPostgresUser) {
    this.port = port;
    this.dir = dir;
    this.asPostgresUser = asPostgresUser;
  }

  static boolean available() {
    return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
  }

  static PrivatePostgres start() {
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("cluster-pg-");
      if (root) {
        run(List.of("chown", "postgres", dir.toString()), false);
      }
      PrivatePostgres pg = new PrivatePostgres(BatonProcess.freePort(), dir, root);
      // a test JVM that dies (or is stopped) must not leave a server behind
      Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "stop-private-postgres"));
      pg.pg(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", "postgres", "-A", "trust", "--no-sync"));
      pg.up();
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  void up() {
    pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
        "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=100"
            + " -c fsync=off", "start"));
  }

  /** Stops the server the hard way: every connection cut, no checkpoint (crash recovery). */
  void crash() {
    pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-m", "immediate", "stop"));
  }

  @Override
  public synchronized void close() {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      crash();
    } catch (RuntimeException e) {
      // already down
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }

  private void pg(List<String> command) {
    run(command, asPostgresUser);
  }

  private static void run(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", full) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
