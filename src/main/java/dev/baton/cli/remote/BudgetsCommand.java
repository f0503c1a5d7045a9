package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton budgets [--workflow W]}: budgets with what was spent today and this month. */
@Command(name = "budgets", description = "Budgets and what was spent against them.")
public final class BudgetsCommand extends RemoteCommand {

  @Option(names = "--workflow", description = "only the budgets of this workflow")
  String workflow;

  @Override
  int run(ApiClient api) {
    JsonNode budgets = api.get("/api/budgets");
    com.fasterxml.jackson.databind.node.ArrayNode shown = api.json().createArrayNode();
    for (JsonNode b : budgets) {
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
    return "$" + budget.path(spent).asText("0")
        + (budget.hasNonNull(limit) ? " of $" + budget.path(limit).asText() : "");
  }
}
