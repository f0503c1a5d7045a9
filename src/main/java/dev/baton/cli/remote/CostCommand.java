package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton cost RUN}: what a run's model and tool calls cost, per agent type and tool. */
@Command(name = "cost", description = "What a run cost: per agent type and per tool.")
public final class CostCommand extends RemoteCommand {

  @Parameters(paramLabel = "RUN", description = "run id")
  String runId;

  @Override
  int run(ApiClient api) {
    JsonNode cost = api.get("/api/workflows/runs/" + Paths.segment(runId) + "/cost");
    if (json) {
      return printJson(api, cost);
    }
    out().printf("run %s: %s%s, %d ledger entr%s%n", runId,
        Dollars.of(cost.path("total_cost_usd")),
        cost.hasNonNull("budget_usd") ? " of " + Dollars.of(cost.path("budget_usd")) : "",
        cost.path("entries").size(), cost.path("entries").size() == 1 ? "y" : "ies");
    JsonNode breakdown = cost.path("breakdown");
    Table agents = new Table("AGENT TYPE", "TASKS", "COST", "PER TASK");
    for (JsonNode a : breakdown.path("agent_costs")) {
      agents.row(a.path("agent_type").asText(), a.path("task_count").asLong(),
          Dollars.of(a.path("total_cost")), Dollars.of(a.path("avg_cost_per_task")));
    }
    if (!agents.isEmpty()) {
      agents.print(out());
    }
    Table tools = new Table("TOOL", "USES", "COST");
    for (JsonNode t : breakdown.path("tool_costs")) {
      tools.row(t.path("tool_name").asText(), t.path("usage_count").asLong(),
          Dollars.of(t.path("total_cost")));
    }
    if (!tools.isEmpty()) {
      tools.print(out());
    }
    out().flush();
    return ExitCode.OK;
  }
}
