package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code baton status}: the server's engine nodes, queue, runs in flight and spend today. */
@Command(name = "status", description = "The platform's state (operators).")
public final class StatusCommand extends RemoteCommand {

  @Override
  int run(ApiClient api) {
    JsonNode status = api.get("/api/system/status");
    if (json) {
      return printJson(api, status);
    }
    JsonNode engine = status.path("engine");
    JsonNode monitoring = status.path("monitoring");
    JsonNode queue = status.path("queue");
    JsonNode cost = status.path("cost_tracking");
    out().printf("engine %s, %d workflow(s)%n",
        engine.path("running").asBoolean() ? "running" : "down", engine.path("workflows").asLong());
    Table nodes = new Table("NODE", "ROLE", "STARTED", "LAST SEEN");
    for (JsonNode n : engine.path("nodes")) {
      nodes.row(n.path("node_id").asText(), n.path("role").asText(), n.path("started_at").asText(),
          n.path("last_seen").asText());
    }
    nodes.print(out());
    out().printf("runs in flight %d, approvals pending %d, runs with incidents %d%n",
        monitoring.path("runs_in_flight").asLong(), monitoring.path("approvals_pending").asLong(),
        monitoring.path("runs_with_incidents").asLong());
    out().printf("agent tasks queued %d, locked %d; jobs due %d%n",
        queue.path("agent_tasks_queued").asLong(), queue.path("agent_tasks_locked").asLong(),
        queue.path("jobs_due").asLong());
    out().printf("spent today %s, %d tokens%n", Dollars.of(cost.path("today_usd")),
        cost.path("tokens_today").asLong());
    out().flush();
    return ExitCode.OK;
  }
}
