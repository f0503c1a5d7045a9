package dev.baton.it;

import dev.baton.support.Poll;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Baton process started from the packaged jar ({@code target/baton.jar}, built in the
 * package phase before Failsafe runs), with its own port and log file under {@code
 * target/cluster-logs/}. {@link #kill()} is SIGKILL ({@code destroyForcibly}); every process
 * still alive when the test JVM exits is killed by a shutdown hook, and the tests close their
 * processes in finally blocks, so a failed test leaves no JVM behind.
 */
final class BatonProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "baton.jar");
  private static final Path LOGS = Path.of("target", "cluster-logs");
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
        "kill-baton-processes"));
  }

  final String name;
  final int port;
  private final List<String> command;
  private final Path log;
  private Process process;

  private BatonProcess(String name, int port, List<String> command, Path log) {
    this.name = name;
    this.port = port;
    this.command = command;
    this.log = log;
  }

  /** An engine node ({@code postgres,engine} profiles) named {@code name} in job history. */
  static BatonProcess engine(String test, String name, String jdbcUrl,
      Map<String, String> properties) {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres,engine",
        "--server.port=" + port,
        "--baton.node-id=" + name,
        "--baton.demo.enabled=true"));
    return create(test, name, port, jdbcUrl, args, properties);
  }

  /** One process in the default role: engine and in-process worker ({@code postgres}). */
  static BatonProcess all(String test, String name, String jdbcUrl,
      Map<String, String> properties) {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres",
        "--server.port=" + port,
        "--baton.node-id=" + name,
        "--baton.demo.enabled=true"));
    return create(test, name, port, jdbcUrl, args, properties);
  }

  /** A worker-only process ({@code postgres,worker}) against the given engine nodes. */
  static BatonProcess worker(String test, String name, String jdbcUrl, List<BatonProcess> engines,
      Map<String, String> properties) {
    String urls = String.join(",", engines.stream()
        .map(e -> "http://127.0.0.1:" + e.port + "/engine-rest").toList());
    List<String> args = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres,worker",
        "--baton.node-id=" + name,
        "--baton.remote.url=" + urls,
        "--baton.remote.username=demo",
        "--baton.remote.password=demo",
        "--baton.remote.long-poll=2s"));
    return create(test, name, 0, jdbcUrl, args, properties);
  }

  private static BatonProcess create(String test, String name, int port, String jdbcUrl,
      List<String> args, Map<String, String> properties) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the cluster tests run the packaged "
          + "jar; run them through `./mvnw verify` (package comes before integration-test)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", JAR.toString()));
    command.addAll(args);
    command.add("--spring.datasource.url=" + jdbcUrl);
    command.add("--spring.datasource.username=" + ClusterDatabases.user());
    command.add("--spring.datasource.password=" + ClusterDatabases.password());
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    return new BatonProcess(name, port, command, LOGS.resolve(test + "-" + name + ".log"));
  }

  /** Starts (or restarts) the process; its output is appended to its log file. */
  BatonProcess start() {
    try {
      Files.createDirectories(LOGS);
      Files.writeString(log, "=== start " + Instant.now() + ": " + String.join(" ", command)
          + "\n", java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      LIVE.add(process);
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Waits until an engine answers its API, or a worker has started its fetch loop. */
  BatonProcess awaitReady(Duration timeout) {
    Poll.until(name + " ready", timeout, Duration.ofMillis(250), () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + "; see " + log);
      }
      return port > 0 ? healthy() : logContains("Agent worker ");
    }, () -> "see " + log);
    return this;
  }

  /** Whether the engine's health endpoint answers UP (200) within 2 s. */
  boolean healthy() {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/actuator/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean logContains(String text) {
    try {
      return Files.isRegularFile(log) && Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no clean-up, connections and locks left as they are. */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LIVE.remove(process);
    }
  }

  ApiClient api() {
    return new ApiClient(port, "demo", "demo");
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (process != null) {
      LIVE.remove(process);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
