package dev.baton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a benchmark's table and, with {@code -Dbaton.bench.record=true} (set by the {@code
 * benchmark} Maven profile), writes it into its section of docs/benchmarks.md, between {@code
 * <!-- BEGIN name -->} and {@code <!-- END name -->}.
 */
final class BenchmarkReport {

  private static final Path DOC = Path.of("docs/benchmarks.md");

  private final String name;
  private final String title;
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  BenchmarkReport(String name, String title, String... header) {
    this.name = name;
    this.title = title;
    this.header = header;
  }

  BenchmarkReport row(Object... cells) {
    rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
    return this;
  }

  BenchmarkReport note(String note) {
    notes.add(note);
    return this;
  }

  void publish() throws IOException {
    StringBuilder table = new StringBuilder();
    table.append("| ").append(String.join(" | ", header)).append(" |\n");
    table.append("|").append("---|".repeat(header.length)).append('\n');
    rows.forEach(r -> table.append("| ").append(String.join(" | ", r)).append(" |\n"));
    String machine = Runtime.getRuntime().availableProcessors() + " cores, "
        + ManagementFactory.getRuntimeMXBean().getVmName() + " "
        + System.getProperty("java.version") + ", measured " + LocalDate.now();
    StringBuilder section = new StringBuilder(table).append('\n').append("_").append(machine)
        .append("._\n");
    notes.forEach(n -> section.append('\n').append(n).append('\n'));
    System.out.println("\n== " + title + " ==\n" + section);
    if (Boolean.getBoolean("baton.bench.record") && Files.exists(DOC)) {
      String begin = "<!-- BEGIN " + name + " -->";
      String end = "<!-- END " + name + " -->";
      String doc = Files.readString(DOC);
      int from = doc.indexOf(begin);
      int to = doc.indexOf(end);
      if (from < 0 || to < from) {
        throw new IllegalStateException(DOC + " has no section " + begin + " ... " + end);
      }
      Files.writeString(DOC, doc.substring(0, from + begin.length()) + "\n" + section
          + doc.substring(to));
      System.out.println("[bench] recorded in " + DOC + " (" + name + ")");
    }
  }

  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  static double percentile(List<Double> values, int p) {
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  static String ms(double millis) {
    return millis < 10 ? String.format("%.2f ms", millis) : String.format("%.0f ms", millis);
  }
}
