package dev.baton.cli;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a spec file and prints its problems the way compilers do: {@code file: path: msg}. */
final class SpecFile {

  private SpecFile() {}

  static SpecReport read(Path file, PrintWriter err) throws IOException {
    SpecReport report = new SpecReader(AgentTypes.BUILT_IN).read(Files.readString(file));
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
