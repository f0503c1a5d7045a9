package dev.baton.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An npm project under src/test (the BPMN linter, the Tasklist browser script): installs it
 * with {@code npm ci} when needed and runs commands in it with a time limit.
 */
public final class NodeProject {

  /** What a command printed (output and error merged) and how it exited. */
  public record Result(int exit, String output) {}

  private static final long NPM_CI_TIMEOUT_S = 300;

  private final Path dir;
  private final String tag;

  /** @param tag prefix of the lines this prints, e.g. {@code [lint]} */
  public NodeProject(Path dir, String tag) {
    this.dir = dir;
    this.tag = tag;
  }

  public Path dir() {
    return dir;
  }

  /** Whether an executable of that name is on the PATH. */
  /**
   * Skips the calling test without node, npm or Debian's chromium, or fails it on CI; returns
   * chromium's path ({@code CHROMIUM} overrides it).
   *
   * @param test what needs them, for the message: "the Tasklist browser test"
   */
  public static String requireNodeNpmAndChromium(String test) {
    List<String> missing = new java.util.ArrayList<>();
    for (String tool : List.of("node", "npm")) {
      if (!onPath(tool)) {
        missing.add(tool + " (not on the PATH)");
      }
    }
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    if (!Files.isExecutable(Path.of(chromium))) {
      missing.add(chromium + " (apt-get install chromium, or set CHROMIUM)");
    }
    if (missing.isEmpty()) {
      return chromium;
    }
    String reason = test + " needs node, npm and Debian's chromium; missing: "
        + String.join(", ", missing);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " (CI=true: the browser test must run on CI)");
    }
    org.junit.jupiter.api.Assumptions.abort(reason);
    return chromium;
  }

  public static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
        return true;
      }
    }
    return false;
  }

  /** {@code npm ci} when node_modules is missing or older than package-lock.json. */
  public void installIfNeeded() throws Exception {
    Path modules = dir.resolve("node_modules");
    Path lock = dir.resolve("package-lock.json");
    // npm rewrites node_modules/.package-lock.json on every install: its time is the install's
    Path marker = modules.resolve(".package-lock.json");
    Path installed = Files.exists(marker) ? marker : modules;
    if (Files.isDirectory(modules) && Files.getLastModifiedTime(installed)
        .compareTo(Files.getLastModifiedTime(lock)) >= 0) {
      return;
    }
    System.out.println(tag + " npm ci --no-audit --no-fund in " + dir
        + (Files.isDirectory(modules) ? " (node_modules older than package-lock.json)"
            : " (no node_modules)"));
    Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_CI_TIMEOUT_S);
    if (ci.exit() != 0) {
      fail("npm ci in " + dir + " failed (exit " + ci.exit() + "):\n" + ci.output());
    }
  }

  /** Runs a command in the project; fails the test when it outlives the time limit. */
  public Result run(List<String> command, Map<String, String> env, long timeoutSeconds)
      throws Exception {
    Path log = Files.createTempFile("baton-node", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(String.join(" ", command.subList(0, Math.min(2, command.size()))) + " in " + dir
            + " did not finish in " + timeoutSeconds + " s:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
