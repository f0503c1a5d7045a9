package dev.baton.bench;

import dev.baton.it.TestDatabase;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared reference harness for the raw engine ({@code ../shared/baseline}, beside the
 * checkout): plain Camunda 7.24 tuned for external-task throughput, in a JVM of its own, on the
 * same database server. It is the stronger raw figure (its README: 320-670 tasks/s on this
 * machine) that issue 13 measures Baton against, so the benchmark runs it in the same run as
 * Baton's rounds. Built with this checkout's Maven wrapper when its jar is missing.
 */
final class SharedBaseline {

  private static final Path HOME = Path.of("..", "shared", "baseline");
  private static final Pattern RATE = Pattern.compile("tasks_per_s=([0-9.]+)");

  /** Tasks per second, or why there is no figure. */
  record Result(Double tasksPerSecond, String line, String unavailable) {}

  private SharedBaseline() {}

  /** Chain-30 × {@code instances}, {@code threads} looping workers, history full. */
  static Result chain(int instances, int threads) {
    try {
      Path jar = jar();
      if (jar == null) {
        return new Result(null, null, "../shared/baseline is not beside this checkout");
      }
      List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString(),
          "--shape=chain", "--instances=" + instances, "--threads=" + threads));
      if (TestDatabase.postgres()) {
        command.add("--db=pg");
        command.add("--pgUrl=" + TestDatabase.freshUrl("baseline"));
        command.add("--pgUser=" + TestDatabase.user());
        command.add("--pgPassword=" + TestDatabase.password());
      } else {
        command.add("--db=h2");
      }
      String result = run(command, HOME);
      if (result == null) {
        return new Result(null, null, "the harness printed no RESULT line");
      }
      Matcher rate = RATE.matcher(result);
      return rate.find() ? new Result(Double.parseDouble(rate.group(1)), result, null)
          : new Result(null, result, "no tasks_per_s in its RESULT line");
    } catch (Exception e) {
      return new Result(null, null, "the harness failed: " + e.getMessage());
    }
  }

  private static Path jar() throws Exception {
    if (!Files.isRegularFile(HOME.resolve("pom.xml"))) {
      return null;
    }
    Path jar = HOME.resolve("target").resolve("baseline.jar");
    if (!Files.isRegularFile(jar)) {
      String wrapper = new File("mvnw").getAbsolutePath();
      run(List.of(wrapper, "-q", "-B", "-f", HOME.resolve("pom.xml").toString(), "package",
          "-DskipTests"), Path.of("."));
    }
    return Files.isRegularFile(jar) ? jar.toAbsolutePath() : null;
  }

  /** Runs a command to its end (at most 15 minutes); returns its last RESULT line. */
  private static String run(List<String> command, Path directory) throws Exception {
    Process process = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT")) {
          result = line;
        }
      }
    }
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return result;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
