package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Option;

/** Budgets you may read, optionally one workflow's, with their spend against each limit. */
abstract class BudgetReport extends RemoteCommand {

  @Option(names = "--workflow", description = "only the budgets of this workflow")
  String workflow;

  @Override
  int run(ApiClient api) {
    ArrayNode shown = api.json().createArrayNode();
    for (JsonNode b : api.get("/api/budgets")) {
      if (workflow == null || workflow.equals(b.path("workflow_id").asText(null))) {
        shown.add(b);
      }
    }
    if (json) {
      return printJson(api, shown);
    }
    Table table = new Table("ID", "NAME", "WORKFLOW", "TENANT", "TODAY", "MONTH", "PER RUN",
        "HARD CAP", "ALERT AT");
    for (JsonNode b : shown) {
      table.row(b.path("id").asText(), b.path("name").asText(null),
          b.path("workflow_id").asText(null), b.path("tenant_id").asText(null),
          spent(b, "current_day_spent", "daily_usd"),
          spent(b, "current_month_spent", "monthly_usd"), b.path("per_run_usd").asText(null),
          b.path("hard_cap").asBoolean() ? "yes" : "no",
          b.path("alert_threshold_percent").asInt() + "%");
    }
    if (table.isEmpty()) {
      out().println(workflow == null ? "no budgets" : "no budget names workflow " + workflow);
      out().flush();
      return ExitCode.OK;
    }
    table.print(out());
    return ExitCode.OK;
  }

  /** {@code $1.20 of $50} */
  private static String spent(JsonNode budget, String spent, String limit) {
    return Dollars.of(budget.path(spent))
        + (budget.hasNonNull(limit) ? " of " + Dollars.of(budget.path(limit)) : "");
  }
}
