package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;

/** A run's status (GET /api/workflows/runs/{id}) in words and a table of its nodes. */
final class RunView {

  /** Statuses after which nothing changes any more. */
  static final Set<String> ENDED =
      Set.of("completed", "partially_completed", "failed", "aborted");

  private RunView() {}

  static boolean ended(JsonNode run) {
    return ENDED.contains(run.path("status").asText());
  }

  /** 0 for a run that completed (also partially), 1 for one that failed or was aborted. */
  static int exitCode(JsonNode run) {
    String status = run.path("status").asText();
    return status.equals("completed") || status.equals("partially_completed") ? ExitCode.OK
        : ExitCode.FAILED;
  }

  static void print(JsonNode run, boolean verbose, PrintWriter out) {
    out.printf("run %s of %s v%d: %s%n", run.path("id").asText(), run.path("workflow_id").asText(),
        run.path("workflow_version").asInt(), run.path("status").asText());
    out.printf("started %s by %s%s%n", run.path("started_at").asText(),
        run.path("started_by").asText("-"),
        run.hasNonNull("ended_at") ? ", ended " + run.path("ended_at").asText() : "");
    if (run.hasNonNull("reason")) {
      out.println("reason: " + run.path("reason").asText());
    }
    out.printf("spent %s%s%n", Dollars.of(run.path("spent_usd")),
        run.hasNonNull("budget_usd") ? " of " + Dollars.of(run.path("budget_usd")) : "");
    if (run.hasNonNull("parent_run_id")) {
      out.println("child of run " + run.path("parent_run_id").asText());
    }
    if (run.path("children").size() > 0) {
      out.printf("with its child runs: spent %s%n",
          Dollars.of(run.path("spent_with_children_usd")));
      for (JsonNode c : run.path("children")) {
        out.printf("child run %s of %s (from node %s): %s%n", c.path("run_id").asText(),
            c.path("workflow_id").asText(), c.path("parent_node_id").asText("-"),
            c.path("status").asText());
      }
    }
    if (run.hasNonNull("trace_id")) {
      out.println("trace " + run.path("trace_id").asText());
    }
    Table nodes = new Table("NODE", "TYPE", "STATUS", "VISITS", "STARTED", "ENDED", "ERROR");
    for (JsonNode n : run.path("nodes")) {
      nodes.row(n.path("id").asText(), n.path("type").asText(), n.path("status").asText(),
          n.path("visits").asInt(), n.path("started_at").asText(null),
          n.path("ended_at").asText(null), n.path("error").asText(null));
    }
    nodes.print(out);
    if (verbose) {
      for (JsonNode n : run.path("nodes")) {
        if (n.hasNonNull("output") || n.path("audit").size() > 0) {
          out.println();
          out.println("== " + n.path("id").asText() + " (" + n.path("name").asText() + ")");
          if (n.hasNonNull("output")) {
            out.println("output: " + n.path("output"));
          }
          for (JsonNode entry : n.path("audit")) {
            out.println("audit: " + entry);
          }
        }
      }
    }
    out.flush();
  }
}
