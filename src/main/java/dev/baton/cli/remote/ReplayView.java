package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A replay's report for people: a line per node, the outcome and money, then the diffs. */
final class ReplayView {

  private ReplayView() {}

  static void print(JsonNode report, PrintWriter out) {
    out.println("Replay of run " + report.path("run_id").asText() + " ("
        + report.path("workflow").asText() + "): a dry run, no model called, nothing written");
    int node = "NODE".length();
    int status = "STATUS".length();
    for (JsonNode line : report.path("nodes")) {
      node = Math.max(node, label(line).length());
      status = Math.max(status, line.path("status").asText().length());
    }
    String format = "%-" + node + "s  %-" + status + "s  %s%n";
    out.printf(format, "NODE", "STATUS", "SUMMARY");
    for (JsonNode line : report.path("nodes")) {
      out.printf(format, label(line), line.path("status").asText(),
          line.path("summary").asText());
    }
    JsonNode totals = report.path("totals");
    out.println();
    out.println("outcome: " + report.path("outcome").asText());
    out.println("model cost of this replay: $" + totals.path("model_cost_usd").asText()
        + "; recorded replies reused: " + totals.path("model_calls_avoided").asText()
        + " ($" + totals.path("recorded_cost_usd").asText() + " when recorded)"
        + "; new model calls a real run would make: " + totals.path("model_calls_needed").asText()
        + " (at most $" + totals.path("estimated_new_cost_usd").asText() + ")");
    JsonNode budget = report.path("budget");
    if (budget.has("cap_usd")) {
      out.println("budget: cap $" + budget.path("cap_usd").asText()
          + (budget.has("stops_at") ? "; the run would stop at " + budget.path("stops_at")
              .asText() + " (spent $" + budget.path("spent_before_usd").asText() + " before)"
              : "; holds ($" + budget.path("walk_cost_usd").asText() + ")"));
    }
    for (JsonNode line : report.path("nodes")) {
      if (line.hasNonNull("diff")) {
        out.println();
        out.print(line.path("diff").asText());
      }
    }
    out.flush();
  }

  private static String label(JsonNode line) {
    int round = line.path("round").asInt();
    return line.path("node_id").asText() + (round > 1 ? " #" + round : "");
  }
}
