package dev.baton.cli;

import dev.baton.spec.SpecProblem;
import dev.baton.workflow.SpecChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a spec file with the platform's checks ({@link Installation}) and prints its problems
 * the way compilers do: {@code file: severity path: message (hint)}.
 */
final class SpecFile {

  private SpecFile() {}

  static SpecChecks.Report read(SpecChecks checks, Path file, PrintWriter err)
      throws IOException {
    SpecChecks.Report report = checks.check(Files.readString(file), Installation::agents);
    for (SpecProblem p : report.problems()) {
      err.printf("%s: %s %s: %s%s%n", file, p.isError() ? "error" : "warning", p.path(),
          p.message(), p.hint() == null ? "" : " (" + p.hint() + ")");
    }
    return report;
  }

  /** The slug a file stands for: its name without {@code .json}. */
  static String slugOf(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }
}
