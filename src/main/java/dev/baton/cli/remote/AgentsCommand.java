package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code baton agents list|status|show}: the agent registry of your tenants and the shared
 * agents.
 */
@Command(name = "agents", description = "Registered agents.",
    subcommands = {AgentsCommand.List.class, AgentsCommand.Status.class, AgentsCommand.Show.class})
public final class AgentsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "Agents you may use, with model and tools.")
  static class List extends RemoteCommand {

    /** Whether disabled agents are listed too. */
    boolean withDisabled() {
      return true;
    }

    @Override
    int run(ApiClient api) {
      com.fasterxml.jackson.databind.node.ArrayNode agents = api.json().createArrayNode();
      for (JsonNode a : api.get("/api/agents")) {
        if (withDisabled() || a.path("enabled").asBoolean()) {
          agents.add(a);
        }
      }
      if (json) {
        return printJson(api, agents);
      }
      Table table = new Table("AGENT", "TYPE", "MODEL", "TOOLS", "ENABLED", "TENANT");
      for (JsonNode a : agents) {
        java.util.List<String> tools = new ArrayList<>();
        a.path("tools").forEach(t -> tools.add(t.path("tool").asText()));
        table.row(a.path("slug").asText(), a.path("type").asText(),
            a.path("config").path("model").asText(null),
            tools.isEmpty() ? null : String.join(", ", tools),
            a.path("enabled").asBoolean() ? "yes" : "no",
            a.path("built_in").asBoolean() ? "shared" : a.path("tenant_id").asText(null));
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "status", description = "Enabled agents, which nodes can be given "
      + "(seed 000's spelling); --all adds the disabled ones.")
  static final class Status extends List {
    @picocli.CommandLine.Option(names = "--all", description = "disabled agents too")
    boolean all;

    @Override
    boolean withDisabled() {
      return all;
    }
  }

  @Command(name = "show", description = "One agent, by slug or id.")
  static final class Show extends RemoteCommand {
    @Parameters(paramLabel = "AGENT", description = "agent slug or id")
    String id;

    @Override
    int run(ApiClient api) {
      JsonNode agent = api.get("/api/agents/" + Paths.segment(id));
      // an agent is a small document: its JSON reads well for people too
      return printJson(api, agent);
    }
  }
}
