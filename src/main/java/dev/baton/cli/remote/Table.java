package dev.baton.cli.remote;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows printed as columns aligned for people; a value too long is cut with an ellipsis. */
final class Table {

  private static final int MAX_WIDTH = 60;

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  Table row(Object... values) {
    List<String> row = new ArrayList<>();
    for (Object value : values) {
      String text = value == null ? "-" : String.valueOf(value).replaceAll("\\s+", " ");
      row.add(text.length() > MAX_WIDTH ? text.substring(0, MAX_WIDTH - 1) + "…" : text);
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(out, headers, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == cells.size() - 1 ? cells.get(i)
          : String.format("%-" + widths[i] + "s  ", cells.get(i)));
    }
    out.println(line.toString().stripTrailing());
  }
}
